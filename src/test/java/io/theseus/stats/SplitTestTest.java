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
    java.util.List<BetaPrior> prior = BetaPrior.oddsGrid(0.01, 1, 2, 5);
    assertThat(splitMismatchCrossings((canary, stable) -> SplitTest.logE(canary, stable, prior)))
        .isLessThanOrEqualTo(binomialBound(300, 0.05));
  }

  @org.junit.jupiter.api.Test
  void perCellPriorsConcentratedOnTheNominalSplitStayCalibratedWhenTheRealSplitIsOff() {
    // The judge's ratio prior: the ok cell concentrated on the nominal 1% (the real split is 1.3%),
    // the error cell on 2x, 5x and 10x the odds.
    java.util.List<java.util.List<BetaPrior>> priors =
        java.util.List.of(
            java.util.List.of(BetaPrior.centredOn(0.01, 30), BetaPrior.centredOn(0.01)),
            BetaPrior.oddsGrid(0.01, 2, 5, 10));
    assertThat(
            splitMismatchCrossings(
                (canary, stable) -> SplitTest.logEPerCell(canary, stable, priors)))
        .isLessThanOrEqualTo(binomialBound(300, 0.05));
  }

  @org.junit.jupiter.api.Test
  void perCellPriorsGiveTheProductOfEachCellsOwnMarginalOverTheAntitonicFit() {
    // Canary [0 ok, 1 error], stable [1 ok, 0 errors]: the antitonic fit pools both cells at 1/2
    // (likelihood 1/4); the ok cell's Beta(1, 1) marginal of (0, 1) is B(1, 2)/B(1, 1) = 1/2, the
    // error cell's Beta(3, 1) marginal of (1, 0) is B(4, 1)/B(3, 1) = 3/4: e = (3/8) / (1/4).
    java.util.List<java.util.List<BetaPrior>> priors =
        java.util.List.of(
            java.util.List.of(new BetaPrior(1, 1)), java.util.List.of(new BetaPrior(3, 1)));
    assertThat(SplitTest.logEPerCell(new long[] {0, 1}, new long[] {1, 0}, priors))
        .isCloseTo(Math.log(1.5), org.assertj.core.api.Assertions.within(1e-12));
  }

  /**
   * Runs of up to 40 looks with 30 errors and 30 000 ok requests per look, each the canary's with
   * probability 1.3% (an A/A canary whose real split is 1.3x the nominal 1%): how many of 300 runs
   * crossed e^3 (alpha 0.05).
   */
  private static int splitMismatchCrossings(
      java.util.function.BiFunction<long[], long[], Double> logE) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(17);
    int crossings = 0;
    for (int run = 0; run < 300; run++) {
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
        crossed = logE.apply(canary, stable) >= Math.log(20);
      }
      crossings += crossed ? 1 : 0;
    }
    return crossings;
  }

  /** More crossings than this would be < 0.1% likely if the true rate were {@code rate}. */
  private static int binomialBound(int runs, double rate) {
    return new org.apache.commons.math3.distribution.BinomialDistribution(null, runs, rate)
        .inverseCumulativeProbability(0.999);
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
