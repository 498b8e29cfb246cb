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
 * @param restarts how often the current step's non-inferiority evidence ({@code ticks}, {@code
 *     canary}, {@code stable}) was dropped because the live stable left the captured band; the
 *     step's confidence bounds of segment {@code k} get the share {@link #segmentShare(int)} of
 *     their alpha
 * @param degradedTicks ticks of the current step in which the live stable was outside the captured
 *     band and the metric was held (the step's deadline clock does not run for them)
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
    List<Long> stableCells,
    int restarts,
    int degradedTicks) {

  private static final double LOG_HALF = Math.log(0.5);

  /** A metric no step has seen yet. */
  public static final MetricState FRESH =
      new MetricState(0, 0, 0, 0, Tally.EMPTY, Tally.EMPTY, List.of(), List.of(), List.of(), 0, 0);

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
        logE(), 0, maxLogE, 0, Tally.EMPTY, Tally.EMPTY, List.of(), List.of(), List.of(), 0, 0);
  }

  /** This state after one more tick of evidence: the step's e-value, tallies and table. */
  MetricState observed(
      double logE,
      Tally canary,
      Tally stable,
      List<Double> cuts,
      List<Long> canaryCells,
      List<Long> stableCells) {
    return new MetricState(
        pastLogE,
        logE,
        maxLogE,
        ticks + 1,
        canary,
        stable,
        cuts,
        canaryCells,
        stableCells,
        restarts,
        degradedTicks);
  }

  /** With {@code maxLogE} raised to the rollout's log e-value now. */
  MetricState withMax() {
    return new MetricState(
        pastLogE,
        stageLogE,
        Math.max(maxLogE, logE()),
        ticks,
        canary,
        stable,
        cuts,
        canaryCells,
        stableCells,
        restarts,
        degradedTicks);
  }

  /**
   * Held for a tick in which the live stable was outside the captured band: the e-process keeps the
   * tick (it compares with the live stable), the non-inferiority evidence of the step is dropped
   * and starts a new segment once the stable is back. A segment that had seen ticks before this one
   * ({@code segmentStarted}) counts as a restart, so the next one gets its own share of alpha.
   */
  MetricState heldForDegradedStable(boolean segmentStarted) {
    return new MetricState(
        pastLogE,
        stageLogE,
        maxLogE,
        0,
        Tally.EMPTY,
        Tally.EMPTY,
        cuts,
        canaryCells,
        stableCells,
        segmentStarted ? restarts + 1 : restarts,
        degradedTicks + 1);
  }

  /**
   * The share of a confidence bound's alpha that segment {@code k} of a step gets (see {@code
   * restarts}): 3/4 for the first, {@code 1/(4k(k+1))} for the k-th restart. The shares add up to
   * 1, so the bounds of all segments together miss with at most the bound's alpha.
   */
  static double segmentShare(int k) {
    return k == 0 ? 0.75 : 0.25 / ((double) k * (k + 1));
  }

  /** {@code ln((1 + e^x) / 2)}, stable for large and very negative x. */
  private static double hedged(double logE) {
    double hi = Math.max(0, logE);
    double lo = Math.min(0, logE);
    return LOG_HALF + hi + Math.log1p(Math.exp(lo - hi));
  }
}
