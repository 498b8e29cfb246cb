package io.theseus.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SlackedAntitonicFitTest {

  static Stream<JsonNode> cases() {
    return SplitTestTest.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void withoutSlackItIsTheDenominatorOfTheEqualityNullTest(JsonNode c) {
    BetaPrior prior = new BetaPrior(c.get("a0").asDouble(), c.get("b0").asDouble());
    long[] canary = TestVectors.longs(c.get("canary_counts"));
    long[] stable = TestVectors.longs(c.get("stable_counts"));
    double marginal = 0;
    for (int k = 0; k < canary.length; k++) {
      marginal += BetaMixture.logMarginal(canary[k], stable[k], prior);
    }
    double antitonic = marginal - SplitTest.logE(canary, stable, prior);
    assertThat(SlackedAntitonicFit.maxLogLikelihood(canary, stable, 0))
        .isCloseTo(antitonic, within(1e-7));
  }

  @Test
  void twoCellsOutsideTheNullAreFittedOnItsBoundary() {
    // Canary error odds 3x the stable's (30/990 vs 1000/99000), null allows 2x: the fit lies on
    // logit(θ_error) = logit(θ_ok) + ln 2, found here by Brent's method on that line.
    long[] canary = {990, 30};
    long[] stable = {99_000, 1000};
    double slack = Math.log(2);
    UnivariateObjectiveFunction onBoundary =
        new UnivariateObjectiveFunction(
            l ->
                BetaMixture.logLikelihood(990, 99_000, logistic(l))
                    + BetaMixture.logLikelihood(30, 1000, logistic(l + slack)));
    double best =
        new BrentOptimizer(1e-14, 1e-14)
            .optimize(
                new MaxEval(10_000), onBoundary, GoalType.MAXIMIZE, new SearchInterval(-10, 0))
            .getValue();
    assertThat(SlackedAntitonicFit.maxLogLikelihood(canary, stable, slack))
        .isCloseTo(best, within(1e-6));
  }

  @Test
  void aSlackAtLeastTheObservedOddsRatioLeavesTheSharesFree() {
    long[] canary = {990, 30};
    long[] stable = {99_000, 1000};
    double free =
        BetaMixture.logLikelihood(990, 99_000, 990 / 99_990.0)
            + BetaMixture.logLikelihood(30, 1000, 30 / 1030.0);
    assertThat(SlackedAntitonicFit.maxLogLikelihood(canary, stable, Math.log(3.001)))
        .isCloseTo(free, within(1e-6));
    assertThat(SlackedAntitonicFit.maxLogLikelihood(canary, stable, Double.POSITIVE_INFINITY))
        .isCloseTo(free, within(1e-6));
  }

  @Test
  void matchesAGridSearchOverNonIncreasingSequencesOnRandomTables() {
    SplittableRandom random = new SplittableRandom(5);
    for (int t = 0; t < 40; t++) {
      int cells = 2 + t % 3;
      long[] canary = new long[cells];
      long[] stable = new long[cells];
      for (int k = 0; k < cells; k++) {
        stable[k] = 200 + random.nextInt(5000);
        canary[k] = random.nextInt(1 + (int) (stable[k] * 0.03));
      }
      double slack = Math.log(1 + random.nextDouble() * 2);
      assertThat(SlackedAntitonicFit.maxLogLikelihood(canary, stable, slack))
          .as("table %d", t)
          .isCloseTo(GridFit.max(canary, stable, slack), within(2e-3));
    }
  }

  @Test
  void isAtLeastTheLikelihoodOfAnyShareVectorInTheNull() {
    // The e-value is valid because the denominator is the supremum over the null.
    SplittableRandom random = new SplittableRandom(9);
    long[] canary = {120, 40, 9};
    long[] stable = {9000, 2500, 300};
    double slack = Math.log(1.5);
    double fit = SlackedAntitonicFit.maxLogLikelihood(canary, stable, slack);
    for (int i = 0; i < 5000; i++) {
      double mu = -6 + 4 * random.nextDouble();
      double ll = 0;
      for (int k = 0; k < canary.length; k++) {
        mu -= random.nextDouble() * 0.2 * (i % 2);
        double share = logistic(mu + slack * random.nextDouble());
        ll += BetaMixture.logLikelihood(canary[k], stable[k], share);
      }
      assertThat(fit).isGreaterThanOrEqualTo(ll - 1e-9);
    }
  }

  private static double logistic(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /**
   * An independent maximisation on a grid: over non-increasing {@code μ} by dynamic programming,
   * each cell's share free within {@code [σ(μ_k), σ(μ_k + γ)]}.
   */
  private static final class GridFit {
    static double max(long[] canary, long[] stable, double slack) {
      int points = 16_001;
      double lo = -20;
      double step = 20.0 / (points - 1);
      double[] best = new double[points];
      for (int k = 0; k < canary.length; k++) {
        double[] next = new double[points];
        double runningMax = Double.NEGATIVE_INFINITY;
        for (int i = points - 1; i >= 0; i--) {
          runningMax = Math.max(runningMax, best[i]);
          double mu = lo + i * step;
          double own = (double) canary[k] / (canary[k] + stable[k]);
          double share = Math.min(logistic(mu + slack), Math.max(logistic(mu), own));
          next[i] = runningMax + BetaMixture.logLikelihood(canary[k], stable[k], share);
        }
        best = next;
      }
      double max = Double.NEGATIVE_INFINITY;
      for (double v : best) {
        max = Math.max(max, v);
      }
      return max;
    }
  }
}
