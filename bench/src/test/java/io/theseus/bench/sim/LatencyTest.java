package io.theseus.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyTest {

  private final Latency healthy = new Latency(TrafficModel.standard());

  @Test
  void stretchingTheTailRaisesP99By25PercentAndLeavesTheMedian() {
    Latency slow = healthy.tailScaled(healthy.tailFactorForP99Increase(0.25));

    assertThat(slow.quantile(0.99)).isCloseTo(1.25 * healthy.quantile(0.99), within(1e-3));
    assertThat(slow.quantile(0.5)).isCloseTo(healthy.quantile(0.5), within(1e-6));
  }

  @Test
  void scalingMovesEveryQuantile() {
    Latency slow = healthy.scaled(1.1);
    for (double q : new double[] {0.1, 0.5, 0.9, 0.99}) {
      assertThat(slow.quantile(q)).isCloseTo(1.1 * healthy.quantile(q), within(1e-3));
    }
  }

  @Test
  void bodyMedianIsLognormalMedianWhenTheTailStartsAboveIt() {
    // 2% of the mass is in the tail above 150 ms, so the median is the body's 0.5/0.98 quantile
    double z = 0.0255806; // Phi^-1(0.5 / 0.98), from a normal table (SciPy norm.ppf)
    assertThat(healthy.quantile(0.5)).isCloseTo(40 * Math.exp(0.5 * z), within(1e-3));
  }
}
