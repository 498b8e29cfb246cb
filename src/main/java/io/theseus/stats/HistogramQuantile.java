package io.theseus.stats;

/**
 * Point estimate of a quantile from classic histogram buckets, the way Prometheus'
 * histogram_quantile interpolates: linearly inside the bucket holding rank {@code p·N}, the lowest
 * bucket starting at 0 when its bound is positive, and a quantile in the {@code +Inf} bucket
 * reported as the highest finite bound (a regression above it is invisible to the estimate, which
 * is why verdicts use counts, never this figure, to decide).
 */
public final class HistogramQuantile {

  private HistogramQuantile() {}

  /**
   * The estimate, or NaN without observations.
   *
   * @param bounds bucket upper bounds ascending, the last {@code +Infinity}
   * @param counts observations per bucket (not cumulative), same length
   * @param p the quantile, within [0, 1]
   */
  public static double estimate(double[] bounds, long[] counts, double p) {
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    if (n == 0) {
      return Double.NaN;
    }
    double rank = p * n;
    long below = 0;
    for (int k = 0; k < bounds.length; k++) {
      if (below + counts[k] >= rank && counts[k] > 0) {
        return interpolate(bounds, k, (rank - below) / counts[k]);
      }
      below += counts[k];
    }
    return interpolate(bounds, bounds.length - 1, 1);
  }

  private static double interpolate(double[] bounds, int k, double fraction) {
    double upper = bounds[k];
    if (Double.isInfinite(upper)) {
      return k == 0 ? Double.NaN : bounds[k - 1];
    }
    double lower = k == 0 ? Math.min(0, upper) : bounds[k - 1];
    return lower + (upper - lower) * fraction;
  }
}
