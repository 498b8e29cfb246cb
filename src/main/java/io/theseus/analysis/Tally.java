package io.theseus.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One version's observations of one metric accumulated over the current step. Only the fields of
 * the metric's kind are used: ratio metrics {@code n} and {@code errors}; histograms {@code n} and
 * {@code buckets}; gauges {@code tickMeans} ({@code n} counts them).
 *
 * @param n requests (ratio, histogram) or ticks with readings (gauge)
 * @param errors failed requests (ratio)
 * @param buckets histogram: {@code le} to the count inside that bucket (not cumulative)
 * @param tickMeans gauge: the mean reading of each tick, in tick order
 */
public record Tally(long n, long errors, Map<Double, Long> buckets, List<Double> tickMeans) {

  /** Nothing observed. */
  public static final Tally EMPTY = new Tally(0, 0, Map.of(), List.of());

  public Tally {
    buckets = Collections.unmodifiableMap(new TreeMap<>(buckets));
    tickMeans = List.copyOf(tickMeans);
  }

  Tally plus(RatioCounts counts) {
    return new Tally(n + counts.total(), errors + counts.errors(), buckets, tickMeans);
  }

  Tally plus(HistogramCounts counts) {
    TreeMap<Double, Long> sum = new TreeMap<>(buckets);
    double[] bounds = counts.bounds();
    long[] inBucket = counts.bucketCounts();
    for (int i = 0; i < bounds.length; i++) {
      sum.merge(bounds[i], inBucket[i], Long::sum);
    }
    return new Tally(n + counts.n(), errors, sum, tickMeans);
  }

  Tally plusMean(double mean) {
    List<Double> means = new ArrayList<>(tickMeans);
    means.add(mean);
    return new Tally(n + 1, errors, buckets, means);
  }

  /** Histogram bucket bounds, ascending. */
  double[] bounds() {
    return buckets.keySet().stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Histogram counts per bucket, in {@link #bounds()} order. */
  long[] counts() {
    return buckets.values().stream().mapToLong(Long::longValue).toArray();
  }
}
