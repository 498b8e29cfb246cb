package io.theseus.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

class QuantileTest {

  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void interpolatesInsideTheBucketHoldingTheRankLikePrometheus() {
    // 100 requests: 40 <= 0.1, 50 in (0.1, 0.2], 10 in (0.2, 0.5]. Median rank 50 lies 10/50 into
    // (0.1, 0.2]: 0.1 + 0.1 * 0.2 = 0.12. The p95 rank 95 lies 5/10 into (0.2, 0.5]: 0.35.
    double[] le = {0.1, 0.2, 0.5, INF};
    long[] counts = {40, 50, 10, 0};
    assertThat(HistogramQuantile.estimate(le, counts, 0.5)).isCloseTo(0.12, within(1e-12));
    assertThat(HistogramQuantile.estimate(le, counts, 0.95)).isCloseTo(0.35, within(1e-12));
    // The lowest bucket starts at 0: rank 20 of 40 is half-way to 0.1.
    assertThat(HistogramQuantile.estimate(le, counts, 0.2)).isCloseTo(0.05, within(1e-12));
  }

  @Test
  void reportsTheHighestFiniteBoundForAQuantileInTheInfBucket() {
    double[] le = {0.1, 0.2, INF};
    assertThat(HistogramQuantile.estimate(le, new long[] {10, 10, 80}, 0.99)).isEqualTo(0.2);
    assertThat(HistogramQuantile.estimate(le, new long[] {0, 0, 0}, 0.5)).isNaN();
  }

  @Test
  void boundsTheQuantileByBucketEdgesOnceThereIsEnoughData() {
    double[] le = {0.1, 0.2, 0.5, 1, INF};
    long[] counts = {4000, 5000, 900, 100, 0};
    Interval p99 = QuantileBounds.of(le, counts, 0.99, 0.001);
    assertThat(p99.lower()).isEqualTo(0.2);
    assertThat(p99.upper()).isEqualTo(1.0);
    Interval none = QuantileBounds.of(le, new long[] {1, 1, 0, 0, 0}, 0.99, 0.001);
    assertThat(none.upper()).isInfinite();
  }

  @Test
  void equalValuesCountAsOneSupportPointWithAllTheirObservations() {
    double[] values = new double[30];
    long[] ones = new long[30];
    java.util.Arrays.fill(values, 5.0);
    java.util.Arrays.fill(ones, 1);
    Interval median = QuantileBounds.of(values, ones, 0.5, 0.01);
    // Every observation is 5: the median is surely at most 5 and nothing proves it above 5.
    assertThat(median.upper()).isEqualTo(5.0);
    assertThat(median.lower()).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void exactValuesThatNeverVaryBoundTheQuantileOnBothSides() {
    double[] values = new double[30];
    java.util.Arrays.fill(values, 5.0);
    // Nothing was seen below 5: with 30 readings "F(5-) < 1/2" is proved, so the median is 5.
    assertThat(QuantileBounds.ofValues(values, 0.5, 0.01)).isEqualTo(new Interval(5.0, 5.0));
    // With 3 readings nothing is proved yet.
    assertThat(QuantileBounds.ofValues(new double[] {5, 5, 5}, 0.5, 0.01).lower()).isInfinite();
  }

  @Test
  void exactValueBoundsCoverTheTrueMedianAtEveryLookInAtLeastOneMinusAlphaOfRuns() {
    // Exponential(1) readings, bounds after every 10; the true median is ln 2.
    double alpha = 0.05;
    double median = Math.log(2);
    SplittableRandom random = new SplittableRandom(5);
    int runs = 300;
    int misses = 0;
    for (int run = 0; run < runs; run++) {
      double[] seen = new double[300];
      boolean missed = false;
      for (int n = 10; n <= seen.length && !missed; n += 10) {
        for (int i = n - 10; i < n; i++) {
          seen[i] = -Math.log(1 - random.nextDouble());
        }
        double[] sorted = java.util.Arrays.copyOf(seen, n);
        java.util.Arrays.sort(sorted);
        Interval b = QuantileBounds.ofValues(sorted, 0.5, alpha);
        missed = median > b.upper() || median < b.lower();
      }
      misses += missed ? 1 : 0;
    }
    int bound = new BinomialDistribution(null, runs, 2 * alpha).inverseCumulativeProbability(0.999);
    assertThat(misses).isLessThanOrEqualTo(bound);
  }

  @Test
  void quantileBoundsCoverTheTrueQuantileAtEveryLookInAtLeastOneMinusAlphaOfRuns() {
    // Exponential(1) observed one by one at fine support points; the true median is ln 2.
    double alpha = 0.05;
    double median = Math.log(2);
    double[] points = new double[400];
    for (int i = 0; i < points.length; i++) {
      points[i] = (i + 1) * 0.01;
    }
    points[points.length - 1] = INF;
    SplittableRandom random = new SplittableRandom(3);
    int runs = 300;
    int misses = 0;
    for (int run = 0; run < runs; run++) {
      long[] counts = new long[points.length];
      boolean missed = false;
      for (int look = 0; look < 30 && !missed; look++) {
        for (int i = 0; i < 20; i++) {
          double x = -Math.log(1 - random.nextDouble());
          counts[Math.min(points.length - 1, (int) Math.ceil(x / 0.01) - 1)]++;
        }
        Interval b = QuantileBounds.of(points, counts, 0.5, alpha);
        missed = median > b.upper() || median <= b.lower();
      }
      misses += missed ? 1 : 0;
    }
    int bound = new BinomialDistribution(null, runs, 2 * alpha).inverseCumulativeProbability(0.999);
    assertThat(misses).isLessThanOrEqualTo(bound);
  }
}
