package io.theseus.analysis;

import io.theseus.config.Direction;
import io.theseus.config.Tolerance;
import io.theseus.stats.Interval;

/**
 * The tolerance as an odds slack for the e-processes' null: how much larger the canary's odds of a
 * worse outcome may be than the stable's before the canary is worse "by more than the tolerance".
 * The split test then detects only regressions beyond it, not small real differences inside it.
 */
final class ToleranceSlack {

  /** Rates are kept this far inside (0, 1) so odds stay finite. */
  private static final double EDGE = 1e-9;

  /**
   * The histogram slack reads the tolerance on a tail no thinner than a Pareto of this index:
   * thinner (lognormal-like) tails have steep local slopes at the quantile cut, but the body cells,
   * which the same slack guards, move about this fast under a scaled latency.
   */
  static final double MAX_TAIL_INDEX = 2;

  private ToleranceSlack() {}

  /**
   * Ratio metrics: the largest log odds ratio of the worse outcome that a canary at the tolerance
   * limit has over a stable rate anywhere in {@code stable} (its confidence bounds). The ratio is
   * {@code max(increasing in the rate (relative part), decreasing (absolute part))}, so its largest
   * value over the interval is at an end: if the stable's true rate lies in the interval, every
   * canary within the tolerance lies in the widened null.
   */
  static double ratio(Tolerance tolerance, Direction direction, Interval stable) {
    return Math.max(
        atRate(tolerance, direction, stable.lower()), atRate(tolerance, direction, stable.upper()));
  }

  /**
   * Histogram metrics: {@code a · ln(1 + width)}, with {@code width} the tolerance's relative width
   * ({@link #histogramWidth}) and {@code a} the stable's tail index at the quantile cut ({@link
   * SlowShare#tailIndex}, at least 1; 1 when unknown): the log factor by which a latency {@code 1 +
   * width} times longer raises the odds of the stable's slowest cell (a Pareto tail of index {@code
   * a} has its share above any cut scaled by {@code (1 + width)^a}). The canary's odds of landing
   * in a slower cell may exceed the stable's by that much.
   */
  static double histogram(Tolerance tolerance, double stableFigure, double tailIndex) {
    double index = Double.isNaN(tailIndex) ? 1 : Math.min(MAX_TAIL_INDEX, Math.max(1, tailIndex));
    return index * Math.log1p(histogramWidth(tolerance, stableFigure));
  }

  /**
   * The tolerance's relative width on a quantile: the larger of the relative allowance and the
   * absolute one over the stable's quantile figure (only the relative allowance when the figure is
   * unknown).
   */
  static double histogramWidth(Tolerance tolerance, double stableFigure) {
    double relative = tolerance.relative() == null ? 0 : tolerance.relative();
    boolean figure = Double.isFinite(stableFigure) && stableFigure > 0;
    double absolute =
        tolerance.absolute() == null || !figure ? 0 : tolerance.absolute() / stableFigure;
    return Math.max(relative, absolute);
  }

  private static double atRate(Tolerance tolerance, Direction direction, double rate) {
    if (Double.isNaN(rate)) {
      return 0;
    }
    double p = Math.min(1 - EDGE, Math.max(EDGE, rate));
    double limit = tolerance.limit(p, direction);
    boolean up = direction == Direction.INCREASE;
    double worse = up ? p : 1 - p;
    double worseAtLimit = up ? limit : 1 - limit;
    if (worseAtLimit >= 1) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.max(0, logOdds(worseAtLimit) - logOdds(worse));
  }

  private static double logOdds(double p) {
    return Math.log(p) - Math.log1p(-p);
  }
}
