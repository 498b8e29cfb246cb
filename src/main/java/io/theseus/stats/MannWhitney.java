package io.theseus.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Mann-Whitney U on binned data (requests in one bucket are ties), with tie and continuity
 * correction, as R's {@code wilcox.test(x = canary, y = stable, correct = TRUE)} computes it
 * asymptotically (stats.md §5). O(K) in the number of buckets, no per-request arrays. This is the
 * fixed-horizon test Kayenta re-runs; commons-math3's MannWhitneyUTest has no tie correction and
 * must not be used on binned data.
 */
public final class MannWhitney {

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  private MannWhitney() {}

  /**
   * The test result.
   *
   * @param u the canary's U statistic
   * @param auc {@code U / (n m)}: probability a canary request is slower (ties count half)
   * @param pTwoSided two-sided p-value
   * @param pCanaryGreater one-sided p-value for "the canary is stochastically greater"
   */
  public record Result(double u, double auc, double pTwoSided, double pCanaryGreater) {}

  /**
   * Tests canary against stable bucket counts (not cumulative, fastest bucket first).
   *
   * @throws IllegalArgumentException on different lengths, negative counts or an empty side
   */
  public static Result binned(long[] canary, long[] stable) {
    if (canary.length != stable.length) {
      throw new IllegalArgumentException("canary and stable need the same buckets");
    }
    double n = 0;
    double m = 0;
    double u = 0;
    double ties = 0;
    for (int k = 0; k < canary.length; k++) {
      if (canary[k] < 0 || stable[k] < 0) {
        throw new IllegalArgumentException("bucket " + k + " has a negative count");
      }
      u += canary[k] * (m + stable[k] / 2.0);
      n += canary[k];
      m += stable[k];
      double t = canary[k] + stable[k];
      ties += t * t * t - t;
    }
    if (n == 0 || m == 0) {
      throw new IllegalArgumentException("both versions need observations");
    }
    return result(u, n, m, ties);
  }

  /** Normal approximation with tie-corrected variance and continuity correction. */
  private static Result result(double u, double n, double m, double ties) {
    double total = n + m;
    double sd = Math.sqrt(n * m / 12 * ((total + 1) - ties / (total * (total - 1))));
    if (sd == 0) {
      // Every request in one bucket: no ordering information at all.
      return new Result(u, u / (n * m), 1, 1);
    }
    double centred = u - n * m / 2;
    double pGreater = STANDARD_NORMAL.cumulativeProbability(-(centred - 0.5) / sd);
    double pTwo =
        Math.min(1, 2 * STANDARD_NORMAL.cumulativeProbability(-(Math.abs(centred) - 0.5) / sd));
    return new Result(u, u / (n * m), pTwo, pGreater);
  }
}
