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
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    double threshold = Math.log(1 / alpha);
    BetaPrior prior = BetaPrior.centredOn(p);
    double lower = Double.NEGATIVE_INFINITY;
    double upper = Double.POSITIVE_INFINITY;
    long atOrBelow = 0;
    for (int i = 0; i < points.length && n > 0; i++) {
      atOrBelow += counts[i];
      if (i + 1 < points.length && points[i + 1] == points[i]) {
        continue; // equal points are one support point: judge it with all its observations
      }
      if (BetaMixture.logEBelow(atOrBelow, n, p, prior) >= threshold) {
        lower = points[i];
      }
      if (BetaMixture.logEAbove(atOrBelow, n, p, prior) >= threshold) {
        upper = points[i];
        break;
      }
    }
    return new Interval(lower, upper);
  }
}
