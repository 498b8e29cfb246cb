package io.theseus.stats;

/**
 * Confidence sequence for the {@code p}-quantile of a distribution observed as counts at ordered
 * support points: histogram buckets (upper bounds {@code le}, counts per bucket) or individual
 * values (count 1 each). At each point {@code x} the number of observations at or below it is
 * binomial with rate {@code F(x)}; the one-sided truncated Beta-mixture e-values of {@link
 * BetaMixture} at the fixed rate {@code p} decide where {@code F} is surely above or below {@code
 * p}. They grow with that count, so a crossing anywhere implies one at the true quantile: the
 * bounds hold for all sample sizes at once, each side with probability {@code >= 1 - alpha} (Howard
 * and Ramdas' beta-binomial quantile bound, stats.md §2b, evaluated at the support points).
 */
public final class QuantileBounds {

  private QuantileBounds() {}

  /**
   * Bounds on the {@code p}-quantile {@code Q}: {@code Q <= upper} (the smallest point where {@code
   * F >= p} is proved) and {@code Q > lower} (the largest point where {@code F < p} is proved).
   * Unproved sides are infinite; so is everything without observations.
   *
   * @param points support points in ascending order (may end with {@code +Infinity})
   * @param counts observations per point (in the bucket ending at it), same length
   * @param p the quantile, within (0, 1)
   * @param alpha miss probability per side, within (0, 1)
   */
  public static Interval of(double[] points, long[] counts, double p, double alpha) {
    return bounds(points, counts, p, alpha, false);
  }

  /**
   * Bounds on the {@code p}-quantile of individually observed values: as {@link #of}, but each
   * value is exact, so the count strictly below a value is known too and {@code Q >= lower} (the
   * smallest value below which {@code F < p} is proved). Readings that never vary thus bound the
   * quantile on both sides, where bucket bounds leave the lower side open.
   *
   * @param sorted the values in ascending order
   */
  public static Interval ofValues(double[] sorted, double p, double alpha) {
    long[] ones = new long[sorted.length];
    java.util.Arrays.fill(ones, 1);
    return bounds(sorted, ones, p, alpha, true);
  }

  private static Interval bounds(
      double[] points, long[] counts, double p, double alpha, boolean exact) {
    Support support = Support.of(points, counts);
    if (support.n() == 0) {
      return Interval.UNBOUNDED;
    }
    double threshold = Math.log(1 / alpha);
    BetaPrior prior = BetaPrior.centredOn(p);
    long n = support.n();
    long[] atOrBelow = support.atOrBelow();
    int size = support.points().length;
    // Both e-values are monotone in the count, so each crossing is found by bisection.
    int firstAbove =
        firstTrue(size, k -> BetaMixture.logEAbove(atOrBelow[k], n, p, prior) >= threshold);
    int firstNotBelow =
        firstTrue(size, k -> BetaMixture.logEBelow(atOrBelow[k], n, p, prior) < threshold);
    double lower =
        exact
            ? exactLower(support, firstNotBelow, BetaMixture.logEBelow(0, n, p, prior) >= threshold)
            : firstNotBelow == 0 ? Double.NEGATIVE_INFINITY : support.points()[firstNotBelow - 1];
    double upper = firstAbove == size ? Double.POSITIVE_INFINITY : support.points()[firstAbove];
    return new Interval(lower, upper);
  }

  /**
   * For exact values the count strictly below point k is the count at or below point k-1, so "F < p
   * proved at point k-1" proves it just below point k: {@code Q >= points[k]}. Below the first
   * point the count is 0, proved when {@code zeroProved}.
   */
  private static double exactLower(Support support, int firstNotBelow, boolean zeroProved) {
    return firstNotBelow > 0 || zeroProved
        ? support.points()[firstNotBelow]
        : Double.NEGATIVE_INFINITY;
  }

  /** Distinct support points with the number of observations at or below each. */
  private record Support(double[] points, long[] atOrBelow, long n) {

    static Support of(double[] points, long[] counts) {
      int distinct = 0;
      double[] at = new double[points.length];
      long[] cumulative = new long[points.length];
      long n = 0;
      for (int i = 0; i < points.length; i++) {
        n += counts[i];
        // Equal points are one support point: judge it with all its observations.
        distinct = distinct > 0 && at[distinct - 1] == points[i] ? distinct - 1 : distinct;
        at[distinct] = points[i];
        cumulative[distinct++] = n;
      }
      return new Support(
          java.util.Arrays.copyOf(at, distinct), java.util.Arrays.copyOf(cumulative, distinct), n);
    }
  }

  /** The first index in [0, size) where a monotone (false...true) predicate holds, else size. */
  private static int firstTrue(int size, java.util.function.IntPredicate holds) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (holds.test(mid)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
