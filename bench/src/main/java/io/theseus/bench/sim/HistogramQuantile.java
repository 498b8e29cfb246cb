package io.theseus.bench.sim;

import io.theseus.analysis.HistogramCounts;
import java.util.Map;

/**
 * Prometheus's {@code histogram_quantile} over classic buckets ({@code promql/quantile.go}
 * BucketQuantile): linear interpolation inside the bucket holding rank q*N, lower bound 0 for the
 * first bucket, and the second-highest bound when the rank falls into the +Inf bucket.
 */
public final class HistogramQuantile {

  private HistogramQuantile() {}

  /** The interpolated quantile, NaN when the histogram is empty (what Prometheus returns). */
  public static double of(double q, HistogramCounts histogram) {
    double observations = histogram.n();
    if (observations == 0 || histogram.cumulative().size() < 2) {
      return Double.NaN;
    }
    double rank = q * observations;
    double lower = 0;
    double below = 0;
    Map.Entry<Double, Long> previous = null;
    for (Map.Entry<Double, Long> bucket : histogram.cumulative().entrySet()) {
      if (bucket.getKey() == Double.POSITIVE_INFINITY) {
        return previous.getKey();
      }
      if (bucket.getValue() >= rank) {
        if (previous == null && bucket.getKey() <= 0) {
          return bucket.getKey();
        }
        double inBucket = bucket.getValue() - below;
        return lower + (bucket.getKey() - lower) * ((rank - below) / inBucket);
      }
      previous = bucket;
      lower = bucket.getKey();
      below = bucket.getValue();
    }
    return Double.NaN;
  }
}
