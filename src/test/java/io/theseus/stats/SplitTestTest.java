package io.theseus.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SplitTestTest {

  static Stream<JsonNode> cases() {
    JsonNode cases = TestVectors.json("universal-inference-2xk.json").get("cases");
    return StreamSupport.stream(cases.spliterator(), false);
  }

  /** One known-answer case: the two versions' cell counts and the prior. */
  private record Case(long[] canary, long[] stable, BetaPrior prior) {
    static Case of(JsonNode c) {
      return new Case(
          TestVectors.longs(c.get("canary_counts")),
          TestVectors.longs(c.get("stable_counts")),
          new BetaPrior(c.get("a0").asDouble(), c.get("b0").asDouble()));
    }

    /** The cells in the order of {@code key} applied to the canary's share of each. */
    Case orderedBy(DoubleUnaryOperator key) {
      int[] order =
          IntStream.range(0, canary.length)
              .boxed()
              .sorted(Comparator.comparingDouble(k -> key.applyAsDouble(share(k))))
              .mapToInt(Integer::intValue)
              .toArray();
      return new Case(
          Arrays.stream(order).mapToLong(k -> canary[k]).toArray(),
          Arrays.stream(order).mapToLong(k -> stable[k]).toArray(),
          prior);
    }

    private double share(int k) {
      return canary[k] + stable[k] == 0 ? 0 : (double) canary[k] / (canary[k] + stable[k]);
    }

    double logE() {
      return SplitTest.logE(canary, stable, prior);
    }

    double logETwoSided() {
      return SplitTest.logETwoSided(canary, stable, prior);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void twoSidedEValueMatchesTheIndependentScipyValue(JsonNode c) {
    assertThat(Case.of(c).logETwoSided()).isCloseTo(c.get("log_e").asDouble(), within(1e-9));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void directionalEValueNeverExceedsTheTwoSidedOne(JsonNode c) {
    Case known = Case.of(c);
    assertThat(known.logE()).isLessThanOrEqualTo(known.logETwoSided() + 1e-12);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void directionalEValueEqualsTheTwoSidedOneWhenTheCanaryShareRisesTowardsWorseCells(JsonNode c) {
    // Order cells so the canary's share increases, then the antitonic fit pools everything.
    assertThat(Case.of(c).orderedBy(share -> share).logE())
        .isCloseTo(c.get("log_e").asDouble(), within(1e-9));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void directionalEValueIsAtMostOneWhenTheCanaryShareFallsTowardsWorseCells(JsonNode c) {
    assertThat(Case.of(c).orderedBy(share -> -share).logE()).isLessThanOrEqualTo(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void anEqualMixtureOfIdenticalPriorsGivesTheSinglePriorsValue(JsonNode c) {
    Case known = Case.of(c);
    assertThat(
            SplitTest.logE(
                known.canary(),
                known.stable(),
                java.util.List.of(known.prior(), known.prior(), known.prior())))
        .isCloseTo(known.logE(), within(1e-9));
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
    return crossedRuns(
        300,
        (canary, stable) -> {
          long errorsToCanary = draw(random, 30, 0.013);
          long okToCanary = draw(random, 30000, 0.013);
          split(canary, stable, okToCanary, 30000, errorsToCanary, 30);
        },
        logE);
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
    assertThat(withSlack).isLessThanOrEqualTo(binomialBound(runs, 0.05));
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
    return crossedRuns(
        runs,
        (canary, stable) -> {
          long ok = draw(random, 300_000, okShare);
          long errors = draw(random, 300, errorShare);
          split(canary, stable, ok, 300_000, errors, 300);
        },
        (canary, stable) -> SplitTest.logE(canary, stable, prior, logSlack));
  }

  /**
   * How many of {@code runs} runs of up to 40 looks crossed e^3 (alpha 0.05); {@code look} adds one
   * look's [ok, error] counts to the canary's and the stable's cells.
   */
  private static int crossedRuns(
      int runs,
      java.util.function.BiConsumer<long[], long[]> look,
      java.util.function.BiFunction<long[], long[], Double> logE) {
    int crossings = 0;
    for (int run = 0; run < runs; run++) {
      long[] canary = new long[2];
      long[] stable = new long[2];
      boolean crossed = false;
      for (int l = 0; l < 40 && !crossed; l++) {
        look.accept(canary, stable);
        crossed = logE.apply(canary, stable) >= Math.log(20);
      }
      crossings += crossed ? 1 : 0;
    }
    return crossings;
  }

  /** Adds a look's requests: {@code okToCanary} of {@code ok}, {@code errorsToCanary} of errors. */
  private static void split(
      long[] canary, long[] stable, long okToCanary, long ok, long errorsToCanary, long errors) {
    canary[0] += okToCanary;
    stable[0] += ok - okToCanary;
    canary[1] += errorsToCanary;
    stable[1] += errors - errorsToCanary;
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
