package io.theseus.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionBehaviourTest {

  private static final int SAMPLES = 40_000;

  @ParameterizedTest
  @CsvSource({
    // median, sigma, tail probability, tail factor
    "20, 0.35, 0.01, 4",
    "32, 0.35, 0.05, 4",
    "5, 0.8, 0.0, 1"
  })
  void drawsLatenciesWhoseMedianAndP99MatchTheMixtureDistribution(
      double median, double sigma, double tailP, double tailFactor) {
    var behaviour = new VersionBehaviour(median, sigma, tailP, tailFactor, 0);
    var random = new SplittableRandom(2026);
    double[] samples = new double[SAMPLES];
    Arrays.setAll(samples, i -> behaviour.sampleLatencyMs(random));

    var percentile = new Percentile();
    assertThat(percentile.evaluate(samples, 50))
        .isCloseTo(mixtureQuantile(behaviour, 0.50), withinPercent(2));
    assertThat(percentile.evaluate(samples, 99))
        .isCloseTo(mixtureQuantile(behaviour, 0.99), withinPercent(8));
  }

  @Test
  void failsAtItsErrorRateWithinFourBinomialSigmas() {
    var behaviour = Scenario.BASELINE.withErrorRate(0.05);
    var random = new SplittableRandom(99);
    int n = 100_000;
    long errors = 0;
    for (int i = 0; i < n; i++) {
      errors += behaviour.sampleError(random) ? 1 : 0;
    }
    double sigma = Math.sqrt(n * 0.05 * 0.95);
    assertThat((double) errors).isBetween(n * 0.05 - 4 * sigma, n * 0.05 + 4 * sigma);
  }

  @Test
  void scalesBodyAndTailTogetherWithTheLatencyFactor() {
    var slow = Scenario.BASELINE.withLatencyFactor(1.6);

    assertThat(slow.medianMs()).isEqualTo(32.0, within(1e-9));
    assertThat(mixtureQuantile(slow, 0.99) / mixtureQuantile(Scenario.BASELINE, 0.99))
        .isCloseTo(1.6, within(1e-6));
  }

  @Test
  void rejectsOutOfRangeParametersNamingTheField() {
    assertThatThrownBy(() -> Scenario.BASELINE.withErrorRate(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("behaviour.errorRate: 1.5 is out of range (allowed: 0-1)");
    assertThatThrownBy(() -> new VersionBehaviour(0, 0.3, 0, 1, 0))
        .hasMessageStartingWith("behaviour.medianMs:");
    assertThatThrownBy(() -> Scenario.BASELINE.withTail(0.1, 0.5))
        .hasMessageStartingWith("behaviour.tailFactor:");
  }

  /** The q-quantile of the body/tail mixture from commons-math3's lognormal CDF, by bisection. */
  private static double mixtureQuantile(VersionBehaviour b, double q) {
    double scale = Math.log(b.medianMs());
    double shape = Math.max(b.sigma(), 1e-9);
    var body = new LogNormalDistribution(null, scale, shape);
    var tail = new LogNormalDistribution(null, scale + Math.log(b.tailFactor()), shape);
    double lo = 0;
    double hi = b.medianMs() * b.tailFactor() * 1000;
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      double cdf =
          (1 - b.tailProbability()) * body.cumulativeProbability(mid)
              + b.tailProbability() * tail.cumulativeProbability(mid);
      if (cdf < q) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  private static Percentage withinPercent(double percent) {
    return Percentage.withPercentage(percent);
  }
}
