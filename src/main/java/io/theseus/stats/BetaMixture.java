package io.theseus.stats;

import java.util.List;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.special.Beta;

/**
 * Anytime-valid e-values and confidence sequences for a Bernoulli rate from Beta-mixture likelihood
 * ratios (Robbins' method of mixtures). With {@code s} successes in {@code n} trials, each e-value
 * is a nonnegative supermartingale under its null, so by Ville's inequality it exceeds {@code
 * 1/alpha} at any time with probability at most {@code alpha}: the data may be looked at after
 * every tick. Everything is computed in log space.
 */
public final class BetaMixture {

  private static final double SMALLEST_LOG_RATE = Math.log(Double.MIN_NORMAL);
  private static final int MAX_EVALUATIONS = 500;

  private BetaMixture() {}

  /** {@code ln ∫ q^s (1-q)^f dPrior(q)}: the log marginal likelihood of one ordered sequence. */
  public static double logMarginal(double s, double f, BetaPrior prior) {
    return Beta.logBeta(prior.a() + s, prior.b() + f) - Beta.logBeta(prior.a(), prior.b());
  }

  /**
   * Log e-value against the simple null {@code rate = p0} (two-sided): {@code ln [∫ q^s (1-q)^(n-s)
   * dPrior(q) / (p0^s (1-p0)^(n-s))]}. With {@code p0} the known canary share this is the
   * Lindon-Malek Dirichlet mixture of savvi for two arms.
   */
  public static double logE(long s, long n, double p0, BetaPrior prior) {
    checkCounts(s, n);
    return logMarginal(s, n - s, prior) - logLikelihood(s, n - s, p0);
  }

  /**
   * Log e-value for "rate is above {@code p0}", valid for the composite null {@code rate <= p0}:
   * the prior truncated to {@code (p0, 1)} (stats.md §2a one-sided variant).
   */
  public static double logEAbove(long s, long n, double p0, BetaPrior prior) {
    checkCounts(s, n);
    long f = n - s;
    double posteriorTail = logUpperTail(p0, prior.a() + s, prior.b() + f);
    double priorTail = logUpperTail(p0, prior.a(), prior.b());
    return logMarginal(s, f, prior) + posteriorTail - priorTail - logLikelihood(s, f, p0);
  }

  /**
   * Log e-value for "rate is below {@code p0}", valid for the composite null {@code rate >= p0}.
   */
  public static double logEBelow(long s, long n, double p0, BetaPrior prior) {
    return logEAbove(n - s, n, 1 - p0, new BetaPrior(prior.b(), prior.a()));
  }

  /**
   * Confidence sequence for the rate: every {@code p0} whose {@link #logE} stays below {@code
   * ln(1/alpha)}. It covers the true rate at all sample sizes at once with probability {@code >= 1
   * - alpha}. With no trials it is [0, 1].
   */
  public static Interval interval(long s, long n, double alpha, BetaPrior prior) {
    return interval(s, n, alpha, List.of(prior));
  }

  /**
   * {@link #interval(long, long, double, BetaPrior)} with the rate mixed over an equal-weight
   * mixture of Beta priors (e.g. {@link BetaPrior#RATE_GRID}). The mixture's marginal does not
   * depend on the tested rate, so {@code logE} stays convex in it and the set stays an interval.
   */
  public static Interval interval(long s, long n, double alpha, List<BetaPrior> mixture) {
    checkCounts(s, n);
    double threshold = Math.log(1 / alpha);
    double marginal = logMarginal(s, n - s, mixture);
    double lower = s == 0 ? 0 : lowerRoot(s, n, threshold, marginal);
    double upper = s == n ? 1 : 1 - lowerRoot(n - s, n, threshold, marginal);
    return new Interval(lower, upper);
  }

  /** Log marginal likelihood under an equal-weight mixture of Beta priors. */
  public static double logMarginal(double s, double f, List<BetaPrior> mixture) {
    double[] terms = new double[mixture.size()];
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < terms.length; j++) {
      terms[j] = logMarginal(s, f, mixture.get(j));
      max = Math.max(max, terms[j]);
    }
    double sum = 0;
    for (double t : terms) {
      sum += Math.exp(t - max);
    }
    return max + Math.log(sum / terms.length);
  }

  /** The root of logE(p) = threshold below s/n (s of n), found over ln p for precision. */
  private static double lowerRoot(long s, long n, double threshold, double marginal) {
    double hi = Math.log((double) s / n);
    double lo = SMALLEST_LOG_RATE;
    java.util.function.DoubleUnaryOperator excess =
        x -> marginal - logLikelihood(s, n - s, Math.exp(x)) - threshold;
    if (excess.applyAsDouble(lo) <= 0) {
      return 0;
    }
    if (excess.applyAsDouble(hi) >= 0) {
      return Math.exp(hi);
    }
    BrentSolver solver = new BrentSolver(1e-12, 1e-10);
    return Math.exp(solver.solve(MAX_EVALUATIONS, excess::applyAsDouble, lo, hi));
  }

  /** {@code s ln p + f ln(1-p)} with {@code 0 ln 0 = 0}. */
  static double logLikelihood(double s, double f, double p) {
    double fromS = s == 0 ? 0 : s * Math.log(p);
    double fromF = f == 0 ? 0 : f * Math.log1p(-p);
    return fromS + fromF;
  }

  /** {@code ln P(Q > x)} for {@code Q ~ Beta(a, b)}, taken from the side that keeps precision. */
  private static double logUpperTail(double x, double a, double b) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return Double.NEGATIVE_INFINITY;
    }
    return Math.log(Beta.regularizedBeta(1 - x, b, a));
  }

  private static void checkCounts(long s, long n) {
    if (s < 0 || n < s) {
      throw new IllegalArgumentException("need 0 <= s <= n, got s=" + s + ", n=" + n);
    }
  }
}
