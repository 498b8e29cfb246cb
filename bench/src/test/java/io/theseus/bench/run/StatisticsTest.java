package io.theseus.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatisticsTest {

  @Test
  void waldBoundMatchesTheStatsNoteAnchors() {
    // stats.md section 6 (alpha 0.05): about 210 requests for 0.1% -> 1%, 740 for 0.1% -> 0.5%
    assertThat(WaldOracle.requests(0.001, 0.01, 0.05)).isCloseTo(212.97, within(0.01));
    assertThat(WaldOracle.requests(0.001, 0.005, 0.05)).isCloseTo(738.74, within(0.01));
  }

  @Test
  void podOracleMatchesTheNormalTable() {
    // Python statistics.NormalDist: 1 - cdf(inv_cdf(1 - a) - ln(1.1) * sqrt(2) / 0.05)
    assertThat(PodOracle.power(1.1, 0.05, 2, 0.01)).isCloseTo(0.6440968, within(1e-6));
    assertThat(PodOracle.power(1.1, 0.05, 2, 0.005)).isCloseTo(0.5477385, within(1e-6));
    assertThat(PodOracle.power(1.0, 0.05, 2, 0.01)).isCloseTo(0.01, within(1e-12));
  }

  @Test
  void podOracleIsWhatThresholdingTheCanaryPodsMeanAchieves() {
    // Seeded draws of 2 pod effects N(0, 0.05^2): the threshold that rolls back 1% of healthy
    // canaries rolls back the oracle's share of canaries shifted by ln 1.1.
    SplittableRandom rnd = new SplittableRandom(42);
    int n = 200_000;
    double[] healthy = new double[n];
    double[] shifted = new double[n];
    for (int i = 0; i < n; i++) {
      healthy[i] = podMean(rnd);
      shifted[i] = Math.log(1.1) + podMean(rnd);
    }
    double[] sorted = healthy.clone();
    Arrays.sort(sorted);
    double threshold = sorted[(int) (0.99 * n)];
    double caught = Arrays.stream(shifted).filter(x -> x > threshold).count() / (double) n;
    assertThat(caught).isCloseTo(PodOracle.power(1.1, 0.05, 2, 0.01), within(0.005));
  }

  private static double podMean(SplittableRandom rnd) {
    return 0.05 * (gaussian(rnd) + gaussian(rnd)) / 2;
  }

  /** Box-Muller, independent of the simulator's sampler. */
  private static double gaussian(SplittableRandom rnd) {
    return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble()))
        * Math.cos(2 * Math.PI * rnd.nextDouble());
  }

  @Test
  void clopperPearsonIntervalMatchesTheBetaQuantiles() {
    // scipy.stats.beta.ppf(0.025, 5, 996) and beta.ppf(0.975, 6, 995)
    double[] ci = cell(5, 1000).rollbackInterval();
    assertThat(ci[0]).isCloseTo(0.0016254195, within(1e-9));
    assertThat(ci[1]).isCloseTo(0.0116294706, within(1e-9));
    // no events: the upper end is 1 - 0.025^(1/n)
    assertThat(cell(0, 1000).rollbackInterval()[1]).isCloseTo(0.0036820839, within(1e-9));
  }

  @Test
  void medianTimeIsCensoredWhenHalfTheRunsNeverRollBack() {
    assertThat(cell(500, 1000).minutesToRollback(0.5)).isEqualTo(3.0);
    assertThat(cell(499, 1000).minutesToRollback(0.5)).isInfinite();
  }

  private static Cell cell(int rollbacks, int runs) {
    return TestCells.of("test", rollbacks, runs, 3);
  }
}
