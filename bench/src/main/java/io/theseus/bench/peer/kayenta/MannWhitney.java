package io.theseus.bench.peer.kayenta;

import java.util.Arrays;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The two-sample Mann-Whitney confidence interval Kayenta ports from R's {@code wilcox.test(x =
 * canary, y = baseline, conf.int = TRUE, correct = TRUE)}, asymptotic branch: z(d) with average
 * ranks, tie-corrected variance and continuity correction; the interval's ends are the roots of
 * z(d) = +-z_q and the estimate the root of z(d) = 0, found by Brent search with tolerance 1e-4 on
 * [min x - max y, max x - min y] (stats.md section 1.4).
 */
public final class MannWhitney {

  private static final double TOLERANCE = 1e-4;
  private static final int MAX_EVALUATIONS = 1000;

  private final double zq;

  /** A test at confidence level {@code confLevel} (Kayenta hard-codes 0.98). */
  public MannWhitney(double confLevel) {
    this.zq = new NormalDistribution().inverseCumulativeProbability(1 - (1 - confLevel) / 2);
  }

  /**
   * The interval and estimate of the location shift canary - baseline.
   *
   * @param lower lower end of the confidence interval
   * @param upper upper end
   * @param estimate the shift where z(d) = 0
   */
  public record Result(double lower, double upper, double estimate) {}

  /**
   * Runs the test; both arrays must be non-empty and not all values tied.
   *
   * @throws IllegalStateException when every observation is tied (R stops there too)
   */
  public Result test(double[] canary, double[] baseline) {
    double muMin = min(canary) - max(baseline);
    double muMax = max(canary) - min(baseline);
    double lower = root(canary, baseline, zq, muMin, muMax);
    double upper = root(canary, baseline, -zq, muMin, muMax);
    double estimate = root(canary, baseline, 0, muMin, muMax);
    return new Result(lower, upper, estimate);
  }

  /** z(d): the continuity-corrected, tie-corrected standardised rank sum of {@code x - d}. */
  public static double z(double[] x, double[] y, double d) {
    int nx = x.length;
    int ny = y.length;
    double[] values = new double[nx + ny];
    for (int i = 0; i < nx; i++) {
      values[i] = x[i] - d;
    }
    System.arraycopy(y, 0, values, nx, ny);
    Ranks ranks = Ranks.of(values);
    double rankSumX = 0;
    for (int i = 0; i < nx; i++) {
      rankSumX += ranks.rankOf(values[i]);
    }
    double dz = rankSumX - nx * (nx + 1) / 2.0 - nx * (double) ny / 2;
    double n = nx + ny;
    double sigma = Math.sqrt(nx * (double) ny / 12 * ((n + 1) - ranks.tieSum() / (n * (n - 1))));
    if (sigma == 0) {
      throw new IllegalStateException(
          "cannot compute confidence interval when all observations are tied");
    }
    return (dz - Math.signum(dz) * 0.5) / sigma;
  }

  private static double root(double[] x, double[] y, double zq, double muMin, double muMax) {
    UnivariateFunction f = d -> z(x, y, d) - zq;
    double atMin = f.value(muMin);
    double atMax = f.value(muMax);
    if (atMin <= 0) {
      return muMin;
    }
    if (atMax >= 0) {
      return muMax;
    }
    return new BrentSolver(TOLERANCE).solve(MAX_EVALUATIONS, f, muMin, muMax);
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElseThrow();
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElseThrow();
  }
}
