package io.theseus.analysis;

import io.theseus.stats.HistogramQuantile;
import io.theseus.stats.QuantileBounds;
import io.theseus.stats.SplitTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Histogram metrics (latency). The e-process is the directional 2×K test of {@link SplitTest} on
 * three cells: requests at or below the stable's median bucket, up to the stable's configured
 * quantile bucket, and above. Few cells keep the mixture's price low while catching both a shifted
 * body and a heavier tail. The cut points must not depend on the counts they test, so they come
 * from the captured tolerance or, before capture, from the stable's counts in the step's first
 * tick, which then stays out of the table. Bounds are the quantile confidence sequence of {@link
 * QuantileBounds} at the configured quantile.
 */
final class HistogramRule implements MetricRule {

  private static final double MEDIAN = 0.5;

  @Override
  public boolean accepts(Sample sample) {
    return sample instanceof HistogramCounts;
  }

  @Override
  public MetricState add(MetricState state, MetricEvidence evidence, StepContext step) {
    HistogramCounts canaryTick = (HistogramCounts) evidence.canary();
    HistogramCounts stableTick = (HistogramCounts) evidence.stable();
    // Both versions' cells must split at the same bounds: when a canary's bucket layout differs (a
    // new version changed it), a cut it lacks would put its requests below the cut in a slower
    // cell.
    Set<Double> shared = new HashSet<>(canaryTick.cumulative().keySet());
    shared.retainAll(stableTick.cumulative().keySet());
    Table table = table(state, canaryTick.onBounds(shared), stableTick.onBounds(shared), step);
    Tally stable = state.stable().plus(stableTick);
    double logE =
        table.canary().length == 0
            ? 0
            : SplitTest.logE(
                table.canary(),
                table.stable(),
                step.splitPrior(),
                logSlack(stable, table.cuts(), step));
    return state.observed(
        logE,
        state.canary().plus(canaryTick),
        stable,
        table.cuts(),
        MetricRule.boxed(table.canary()),
        MetricRule.boxed(table.stable()));
  }

  @Override
  public String degraded(MetricEvidence evidence, StepContext step) {
    Tally stable = Tally.EMPTY.plus((HistogramCounts) evidence.stable());
    CapturedTolerance band = step.captured();
    if (stable.n() == 0) {
      return null;
    }
    double figure =
        HistogramQuantile.estimate(stable.bounds(), stable.counts(), step.spec().quantile());
    if (step.worse(figure, band.limit())) {
      return "the live stable's quantile this tick "
          + MetricVerdicts.fmt(figure)
          + " is outside the captured limit "
          + MetricVerdicts.fmt(band.limit());
    }
    double cut = SlowShare.quantileCut(band.cuts());
    double shareLimit = Math.max(1 - step.spec().quantile(), band.slowShareLimit());
    double share = (double) SlowShare.slower(stable, cut) / stable.n();
    if (!step.higherIsWorse() || !(share > shareLimit)) {
      return null;
    }
    return "the live stable's share slower than "
        + MetricVerdicts.fmt(cut)
        + " this tick "
        + MetricVerdicts.fmt(share)
        + " is above the captured limit "
        + MetricVerdicts.fmt(shareLimit);
  }

  /** The step's e-process table: cut points and requests per cell for both versions. */
  private record Table(List<Double> cuts, long[] canary, long[] stable) {

    static Table empty(List<Double> cuts) {
      int cells = cuts.isEmpty() ? 0 : cuts.size() + 1;
      return new Table(cuts, new long[cells], new long[cells]);
    }

    Table plus(HistogramCounts canaryTick, HistogramCounts stableTick, StepContext step) {
      if (cuts.isEmpty()) {
        return this;
      }
      long[] c = canary.clone();
      long[] s = stable.clone();
      long[] canaryCells = cells(canaryTick, cuts, step);
      long[] stableCells = cells(stableTick, cuts, step);
      for (int i = 0; i < c.length; i++) {
        c[i] += canaryCells[i];
        s[i] += stableCells[i];
      }
      return new Table(cuts, c, s);
    }
  }

  private static Table table(
      MetricState state, HistogramCounts canaryTick, HistogramCounts stableTick, StepContext step) {
    if (!state.cuts().isEmpty()) {
      long[] canary = MetricRule.unboxed(state.canaryCells());
      long[] stable = MetricRule.unboxed(state.stableCells());
      return new Table(state.cuts(), canary, stable).plus(canaryTick, stableTick, step);
    }
    CapturedTolerance captured = step.captured();
    if (captured != null && !captured.cuts().isEmpty()) {
      return Table.empty(captured.cuts()).plus(canaryTick, stableTick, step);
    }
    // Cut points chosen from this tick's stable counts: this tick stays out of the table.
    return Table.empty(cuts(stableTick, step.spec().quantile()));
  }

  @Override
  public Figures figures(MetricState state, StepContext step) {
    double q = step.spec().quantile();
    Tally canary = state.canary();
    Tally stable = state.stable();
    SlowShare slowShare = slowShare(canary, step);
    // Two ways to pass, each at half the pass alpha, so a wrong pass stays within it.
    double passAlpha = slowShare == null ? step.passAlpha() : step.passAlpha() / 2;
    return new Figures(
        "directional 2xK universal-inference e-value (cells split at "
            + state.cuts()
            + "), null: canary's odds of a slower cell at most "
            + MetricVerdicts.fmt(Math.exp(logSlack(state.stable(), state.cuts(), step)))
            + "x the stable's",
        HistogramQuantile.estimate(canary.bounds(), canary.counts(), q),
        step.canaryBounds(
            QuantileBounds.of(canary.bounds(), canary.counts(), q, step.csAlpha()),
            QuantileBounds.of(canary.bounds(), canary.counts(), q, passAlpha)),
        HistogramQuantile.estimate(stable.bounds(), stable.counts(), q),
        QuantileBounds.of(stable.bounds(), stable.counts(), q, step.csAlpha()),
        canary.n(),
        stable.n(),
        slowShare);
  }

  /** The canary's slow share against the captured limit, or null without one. */
  private static SlowShare slowShare(Tally canary, StepContext step) {
    CapturedTolerance captured = step.captured();
    if (captured == null || !Double.isFinite(captured.slowShareLimit()) || canary.n() == 0) {
      return null;
    }
    double cut = SlowShare.quantileCut(captured.cuts());
    double limit = Math.max(1 - step.spec().quantile(), captured.slowShareLimit());
    return SlowShare.of(canary, cut, limit, step.passAlpha() / 2);
  }

  @Override
  public double slowShareLimit(MetricState state, Figures figures, StepContext step) {
    double cut = SlowShare.quantileCut(state.cuts());
    if (!step.higherIsWorse() || Double.isNaN(cut)) {
      return Double.NaN;
    }
    double width = ToleranceSlack.histogramWidth(step.spec().tolerance(), figures.stableValue());
    return SlowShare.scaledStableShare(state.stable(), cut, width, step.csAlpha());
  }

  /**
   * The tolerance as an odds slack ({@link ToleranceSlack#histogram}), from the captured stable's
   * quantile figure and tail index, or before capture from the live stable's.
   */
  private static double logSlack(Tally stable, List<Double> cuts, StepContext step) {
    CapturedTolerance captured = step.captured();
    if (captured != null) {
      return ToleranceSlack.histogram(
          step.spec().tolerance(), captured.stableValue(), captured.tailIndex());
    }
    double figure =
        HistogramQuantile.estimate(stable.bounds(), stable.counts(), step.spec().quantile());
    double tailIndex = SlowShare.tailIndex(stable, SlowShare.quantileCut(cuts));
    return ToleranceSlack.histogram(step.spec().tolerance(), figure, tailIndex);
  }

  @Override
  public boolean countsRequests() {
    return true;
  }

  /** The finite {@code le} bounds of the buckets holding the stable's median and quantile. */
  static List<Double> cuts(HistogramCounts stable, double quantile) {
    TreeSet<Double> cuts = new TreeSet<>();
    long n = stable.n();
    Double largestFinite = stable.cumulative().lowerKey(Double.POSITIVE_INFINITY);
    if (n == 0 || largestFinite == null) {
      return List.of();
    }
    for (double p : new double[] {MEDIAN, quantile}) {
      for (Map.Entry<Double, Long> bucket : stable.cumulative().entrySet()) {
        if (bucket.getValue() >= p * n) {
          cuts.add(Math.min(bucket.getKey(), largestFinite));
          break;
        }
      }
    }
    return List.copyOf(cuts);
  }

  /** Requests per cell, best cell first. */
  private static long[] cells(HistogramCounts tick, List<Double> cuts, StepContext step) {
    List<Long> cells = new ArrayList<>();
    long previous = 0;
    for (double cut : cuts) {
      Map.Entry<Double, Long> atOrBelow = tick.cumulative().floorEntry(cut);
      long cumulative = atOrBelow == null ? 0 : atOrBelow.getValue();
      cells.add(cumulative - previous);
      previous = cumulative;
    }
    cells.add(tick.n() - previous);
    if (!step.higherIsWorse()) {
      java.util.Collections.reverse(cells);
    }
    return MetricRule.unboxed(cells);
  }
}
