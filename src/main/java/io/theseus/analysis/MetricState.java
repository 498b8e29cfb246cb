package io.theseus.analysis;

import java.util.List;

/**
 * The judge's memory of one metric: the e-process across steps and what the current step saw.
 *
 * @param pastLogE log of the product of the finished steps' e-values (each hedged as {@code (1 + E)
 *     / 2} so a step where the canary looked better costs at most {@code ln 2} later)
 * @param stageLogE log of the current step's e-value, computed from the cells
 * @param maxLogE the largest rollout log e-value seen so far (FAIL latches on it)
 * @param ticks ticks of the current step that had evidence for this metric
 * @param canary the canary's observations in the current step
 * @param stable the stable's observations in the current step
 * @param cuts histograms: the {@code le} bounds of the e-process cells, fixed for the step (empty
 *     until chosen)
 * @param canaryCells the current step's e-process table, best cell first: ratio [ok, errors],
 *     histogram requests per cell, gauge [ticks canary better, ticks canary worse]
 * @param stableCells the stable's row of that table (empty for gauges)
 */
public record MetricState(
    double pastLogE,
    double stageLogE,
    double maxLogE,
    int ticks,
    Tally canary,
    Tally stable,
    List<Double> cuts,
    List<Long> canaryCells,
    List<Long> stableCells) {

  private static final double LOG_HALF = Math.log(0.5);

  /** A metric no step has seen yet. */
  public static final MetricState FRESH =
      new MetricState(0, 0, 0, 0, Tally.EMPTY, Tally.EMPTY, List.of(), List.of(), List.of());

  public MetricState {
    cuts = List.copyOf(cuts);
    canaryCells = List.copyOf(canaryCells);
    stableCells = List.copyOf(stableCells);
  }

  /** The rollout's log e-value now: finished steps times the current step, each hedged. */
  public double logE() {
    return pastLogE + hedged(stageLogE);
  }

  /** Closes the current step and starts an empty one; the e-process carries over. */
  MetricState nextStage() {
    return new MetricState(
        logE(), 0, maxLogE, 0, Tally.EMPTY, Tally.EMPTY, List.of(), List.of(), List.of());
  }

  /** {@code ln((1 + e^x) / 2)}, stable for large and very negative x. */
  private static double hedged(double logE) {
    double hi = Math.max(0, logE);
    double lo = Math.min(0, logE);
    return LOG_HALF + hi + Math.log1p(Math.exp(lo - hi));
  }
}
