package io.theseus.analysis;

import io.theseus.config.Tolerance;

/**
 * The tolerance as an odds slack for the histogram e-process's null: how much larger the canary's
 * odds of a slower cell may be than the stable's before the canary is worse "by more than the
 * tolerance". The split test then detects only regressions beyond it, not small real differences
 * inside it. (Ratio metrics have no slack: their FAIL also needs the canary's rate beyond the band,
 * see {@link MetricVerdicts}.)
 */
final class ToleranceSlack {

  /**
   * The histogram slack reads the tolerance on a tail no thinner than a Pareto of this index:
   * thinner (lognormal-like) tails have steep local slopes at the quantile cut, but the body cells,
   * which the same slack guards, move about this fast under a scaled latency.
   */
  static final double MAX_TAIL_INDEX = 2;

  private ToleranceSlack() {}

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
}
