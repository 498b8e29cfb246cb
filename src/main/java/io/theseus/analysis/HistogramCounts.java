package io.theseus.analysis;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * A classic Prometheus histogram over one tick's window: upper bound {@code le} to the cumulative
 * count of observations at or below it, as Prometheus exposes buckets. The last bound is {@code
 * +Inf} and its count is the total.
 *
 * @param cumulative {@code le} (seconds or milliseconds, as the query returns them) to cumulative
 *     count; non-decreasing in {@code le}, ending with {@link Double#POSITIVE_INFINITY}
 */
public record HistogramCounts(NavigableMap<Double, Long> cumulative) implements Sample {

  public HistogramCounts {
    if (cumulative.isEmpty() || cumulative.lastKey() != Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("buckets must end with le=+Inf");
    }
    if (cumulative.lastEntry().getValue() > MAX_COUNT) {
      throw new IllegalArgumentException(
          "the le=+Inf count must be at most 2^50, got " + cumulative.lastEntry().getValue());
    }
    long previous = 0;
    for (Map.Entry<Double, Long> bucket : cumulative.entrySet()) {
      if (bucket.getKey().isNaN()) {
        throw new IllegalArgumentException("bucket bound le must be a number, got NaN");
      }
      if (bucket.getValue() < previous) {
        throw new IllegalArgumentException(
            "bucket counts must not decrease with le: le="
                + bucket.getKey()
                + " has "
                + bucket.getValue()
                + " < "
                + previous);
      }
      previous = bucket.getValue();
    }
    cumulative = Collections.unmodifiableNavigableMap(new TreeMap<>(cumulative));
  }

  /** Builds from {@code le -> cumulative count}, validating bounds and monotonicity. */
  public static HistogramCounts of(Map<Double, Long> cumulative) {
    return new HistogramCounts(new TreeMap<>(cumulative));
  }

  /** Observations in the window: the {@code +Inf} bucket's count. */
  @Override
  public long n() {
    return cumulative.lastEntry().getValue();
  }

  /** Count of observations strictly inside each bucket, in {@code le} order. */
  public long[] bucketCounts() {
    long[] counts = new long[cumulative.size()];
    long previous = 0;
    int i = 0;
    for (long c : cumulative.values()) {
      counts[i++] = c - previous;
      previous = c;
    }
    return counts;
  }

  /**
   * These counts on the given bounds only ({@code +Inf} always kept): cumulative counts stay exact
   * on a subset of the bounds.
   */
  public HistogramCounts onBounds(Set<Double> bounds) {
    if (bounds.containsAll(cumulative.headMap(Double.POSITIVE_INFINITY).keySet())) {
      return this; // the usual case: both versions share one layout
    }
    TreeMap<Double, Long> kept = new TreeMap<>();
    cumulative.forEach(
        (le, count) -> {
          if (le == Double.POSITIVE_INFINITY || bounds.contains(le)) {
            kept.put(le, count);
          }
        });
    return new HistogramCounts(kept);
  }

  /** Upper bounds in ascending order, the last being {@code +Inf}. */
  public double[] bounds() {
    return cumulative.keySet().stream().mapToDouble(Double::doubleValue).toArray();
  }
}
