package io.theseus.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.analysis.HistogramCounts;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistogramQuantileTest {

  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void interpolatesLinearlyInsideTheBucketHoldingTheRank() {
    HistogramCounts h = HistogramCounts.of(Map.of(100.0, 50L, 250.0, 90L, 500.0, 100L, INF, 100L));
    // rank 99 lies in (250, 500] holding 10: 250 + 250 * 9/10
    assertThat(HistogramQuantile.of(0.99, h)).isEqualTo(475.0);
    // rank 50 is the top of the first bucket, whose lower bound is 0
    assertThat(HistogramQuantile.of(0.5, h)).isEqualTo(100.0);
  }

  @Test
  void rankInTheInfBucketReturnsTheHighestFiniteBound() {
    HistogramCounts h = HistogramCounts.of(Map.of(100.0, 50L, INF, 100L));
    assertThat(HistogramQuantile.of(0.99, h)).isEqualTo(100.0);
  }

  @Test
  void emptyHistogramIsNaN() {
    HistogramCounts h = HistogramCounts.of(Map.of(100.0, 0L, INF, 0L));
    assertThat(HistogramQuantile.of(0.99, h)).isNaN();
  }
}
