package io.theseus.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SplitTestTest {

  static Stream<JsonNode> cases() {
    JsonNode cases = TestVectors.json("universal-inference-2xk.json").get("cases");
    return StreamSupport.stream(cases.spliterator(), false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void twoSidedEValueMatchesTheIndependentScipyValue(JsonNode c) {
    double logE =
        SplitTest.logETwoSided(
            TestVectors.longs(c.get("canary_counts")),
            TestVectors.longs(c.get("stable_counts")),
            new BetaPrior(c.get("a0").asDouble(), c.get("b0").asDouble()));
    assertThat(logE).isCloseTo(c.get("log_e").asDouble(), within(1e-9));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void directionalEValueNeverExceedsTheTwoSidedOne(JsonNode c) {
    BetaPrior prior = new BetaPrior(c.get("a0").asDouble(), c.get("b0").asDouble());
    long[] canary = TestVectors.longs(c.get("canary_counts"));
    long[] stable = TestVectors.longs(c.get("stable_counts"));
    assertThat(SplitTest.logE(canary, stable, prior))
        .isLessThanOrEqualTo(SplitTest.logETwoSided(canary, stable, prior) + 1e-12);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void directionalEValueEqualsTheTwoSidedOneWhenTheCanaryShareRisesTowardsWorseCells(JsonNode c) {
    BetaPrior prior = new BetaPrior(c.get("a0").asDouble(), c.get("b0").asDouble());
    // Order cells so the canary's share increases, then the antitonic fit pools everything.
    long[] canary = TestVectors.longs(c.get("canary_counts"));
    long[] stable = TestVectors.longs(c.get("stable_counts"));
    Integer[] order =
        java.util.stream.IntStream.range(0, canary.length)
            .boxed()
            .sorted(java.util.Comparator.comparingDouble(k -> share(canary[k], stable[k])))
            .toArray(Integer[]::new);
    long[] c2 = java.util.Arrays.stream(order).mapToLong(k -> canary[k]).toArray();
    long[] s2 = java.util.Arrays.stream(order).mapToLong(k -> stable[k]).toArray();
    assertThat(SplitTest.logE(c2, s2, prior)).isCloseTo(c.get("log_e").asDouble(), within(1e-9));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void directionalEValueIsAtMostOneWhenTheCanaryShareFallsTowardsWorseCells(JsonNode c) {
    BetaPrior prior = new BetaPrior(c.get("a0").asDouble(), c.get("b0").asDouble());
    long[] canary = TestVectors.longs(c.get("canary_counts"));
    long[] stable = TestVectors.longs(c.get("stable_counts"));
    Integer[] order =
        java.util.stream.IntStream.range(0, canary.length)
            .boxed()
            .sorted(java.util.Comparator.comparingDouble(k -> -share(canary[k], stable[k])))
            .toArray(Integer[]::new);
    long[] c2 = java.util.Arrays.stream(order).mapToLong(k -> canary[k]).toArray();
    long[] s2 = java.util.Arrays.stream(order).mapToLong(k -> stable[k]).toArray();
    assertThat(SplitTest.logE(c2, s2, prior)).isLessThanOrEqualTo(0);
  }

  private static double share(long canary, long stable) {
    return canary + stable == 0 ? 0 : (double) canary / (canary + stable);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void anEqualMixtureOfIdenticalPriorsGivesTheSinglePriorsValue(JsonNode c) {
    BetaPrior prior = new BetaPrior(c.get("a0").asDouble(), c.get("b0").asDouble());
    long[] canary = TestVectors.longs(c.get("canary_counts"));
    long[] stable = TestVectors.longs(c.get("stable_counts"));
    assertThat(SplitTest.logE(canary, stable, java.util.List.of(prior, prior, prior)))
        .isCloseTo(SplitTest.logE(canary, stable, prior), within(1e-9));
  }

  @org.junit.jupiter.api.Test
  void staysCalibratedWhenTheRealSplitIsOnePointThreePercentUnderANominalOnePercent() {
    // Per look 30 errors and 30000 ok requests; each is the canary's with probability 1.3%.
    java.util.SplittableRandom random = new java.util.SplittableRandom(17);
    java.util.List<BetaPrior> prior = BetaPrior.oddsGrid(0.01, 1, 2, 5);
    int runs = 300;
    int crossings = 0;
    for (int run = 0; run < runs; run++) {
      long[] canary = new long[2];
      long[] stable = new long[2];
      boolean crossed = false;
      for (int look = 0; look < 40 && !crossed; look++) {
        long errorsToCanary = 0;
        for (int i = 0; i < 30; i++) {
          errorsToCanary += random.nextDouble() < 0.013 ? 1 : 0;
        }
        double mean = 30000 * 0.013;
        double sd = Math.sqrt(mean * (1 - 0.013));
        long okToCanary = Math.round(mean + sd * gaussian(random));
        canary[0] += okToCanary;
        stable[0] += 30000 - okToCanary;
        canary[1] += errorsToCanary;
        stable[1] += 30 - errorsToCanary;
        crossed = SplitTest.logE(canary, stable, prior) >= Math.log(20);
      }
      crossings += crossed ? 1 : 0;
    }
    int bound =
        new org.apache.commons.math3.distribution.BinomialDistribution(null, runs, 0.05)
            .inverseCumulativeProbability(0.999);
    assertThat(crossings).isLessThanOrEqualTo(bound);
  }

  @org.junit.jupiter.api.Test
  void withASlackItStaysCalibratedForACanaryExactlyAtTheSlackWhereTheEqualityNullFires() {
    // The canary's error odds are twice the stable's; the null allows twice.
    int runs = 300;
    int withSlack = crossings(runs, 2.0, Math.log(2));
    int withoutSlack = crossings(runs, 2.0, 0);
    int bound =
        new org.apache.commons.math3.distribution.BinomialDistribution(null, runs, 0.05)
            .inverseCumulativeProbability(0.999);
    assertThat(withSlack).isLessThanOrEqualTo(bound);
    assertThat(withoutSlack).isGreaterThan(runs / 2);
  }

  @org.junit.jupiter.api.Test
  void withASlackItStillDetectsACanaryWellBeyondIt() {
    assertThat(crossings(100, 5.0, Math.log(2))).isGreaterThanOrEqualTo(95);
  }

  /**
   * Runs of 40 looks at a 1% split, 300 stable errors and 300 000 stable ok requests per look, the
   * canary's error odds {@code oddsRatio} times the stable's; how many crossed e^3 (alpha 0.05).
   */
  private static int crossings(int runs, double oddsRatio, double logSlack) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(23);
    java.util.List<BetaPrior> prior = BetaPrior.oddsGrid(0.01, 1, 2, 5);
    double okShare = 0.01;
    double odds = oddsRatio * okShare / (1 - okShare);
    double errorShare = odds / (1 + odds);
    int crossings = 0;
    for (int run = 0; run < runs; run++) {
      long[] canary = new long[2];
      long[] stable = new long[2];
      boolean crossed = false;
      for (int look = 0; look < 40 && !crossed; look++) {
        long ok = draw(random, 300_000, okShare);
        long errors = draw(random, 300, errorShare);
        canary[0] += ok;
        stable[0] += 300_000 - ok;
        canary[1] += errors;
        stable[1] += 300 - errors;
        crossed = SplitTest.logE(canary, stable, prior, logSlack) >= Math.log(20);
      }
      crossings += crossed ? 1 : 0;
    }
    return crossings;
  }

  /** Binomial draw: exact for few trials, normal approximation for many. */
  private static long draw(java.util.SplittableRandom random, long trials, double p) {
    if (trials <= 1000) {
      long hits = 0;
      for (long i = 0; i < trials; i++) {
        hits += random.nextDouble() < p ? 1 : 0;
      }
      return hits;
    }
    double mean = trials * p;
    return Math.round(mean + Math.sqrt(mean * (1 - p)) * gaussian(random));
  }

  private static double gaussian(java.util.SplittableRandom random) {
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
