package io.theseus.analysis;

import io.theseus.stats.BetaMixture;
import io.theseus.stats.BetaPrior;
import io.theseus.stats.Interval;
import io.theseus.stats.SplitTest;
import java.util.List;

/**
 * Ratio metrics (errors over total): the e-process is the directional 2×2 table test (ok, error) of
 * {@link SplitTest}; bounds are the Beta-mixture confidence sequence of the rate.
 */
final class RatioRule implements MetricRule {

  @Override
  public boolean accepts(Sample sample) {
    return sample instanceof RatioCounts;
  }

  @Override
  public MetricState add(MetricState state, MetricEvidence evidence, StepContext step) {
    RatioCounts canaryTick = (RatioCounts) evidence.canary();
    RatioCounts stableTick = (RatioCounts) evidence.stable();
    Tally stable = state.stable().plus(stableTick);
    // The table accumulates on its own: the tallies restart after a shared degradation, the
    // e-process (against the live stable) never does within a step.
    long[] canaryCells = plus(state.canaryCells(), cells(canaryTick, step));
    long[] stableCells = plus(state.stableCells(), cells(stableTick, step));
    // No slack: the e-process tests "canary worse than the live stable"; being beyond the tolerance
    // is the verdict's second condition (MetricVerdicts), on the canary's figure.
    double logE = SplitTest.logEPerCell(canaryCells, stableCells, step.ratioPrior());
    return state.observed(
        logE,
        state.canary().plus(canaryTick),
        stable,
        List.of(),
        MetricRule.boxed(canaryCells),
        MetricRule.boxed(stableCells));
  }

  @Override
  public String degraded(MetricEvidence evidence, StepContext step) {
    RatioCounts stable = (RatioCounts) evidence.stable();
    double rate = stable.total() == 0 ? Double.NaN : (double) stable.errors() / stable.total();
    if (!step.worse(rate, step.captured().limit())) {
      return null;
    }
    return "the live stable's rate this tick "
        + MetricVerdicts.fmt(rate)
        + " is outside the captured limit "
        + MetricVerdicts.fmt(step.captured().limit());
  }

  @Override
  public Figures figures(MetricState state, StepContext step) {
    Tally canary = state.canary();
    Tally stable = state.stable();
    return new Figures(
        "directional 2x2 universal-inference e-value (ok, error), null: canary's odds of an error"
            + " at most the live stable's",
        rate(canary),
        step.canaryBounds(bounds(canary, step.csAlpha()), bounds(canary, step.passAlpha())),
        rate(stable),
        bounds(stable, step.csAlpha()),
        canary.n(),
        stable.n(),
        null);
  }

  @Override
  public boolean preciseEnough(Figures figures, StepContext step) {
    double bound = figures.stable().worse(step.higherIsWorse());
    return !step.worse(bound, MetricVerdicts.allowed(figures.stableValue(), step));
  }

  @Override
  public boolean countsRequests() {
    return true;
  }

  @Override
  public boolean failsOnFigure() {
    return true;
  }

  /** Best cell first: errors are the worse outcome when the rate must not increase. */
  private static long[] cells(RatioCounts tick, StepContext step) {
    long ok = tick.total() - tick.errors();
    return step.higherIsWorse() ? new long[] {ok, tick.errors()} : new long[] {tick.errors(), ok};
  }

  private static long[] plus(List<Long> cells, long[] tick) {
    long[] sum = tick.clone();
    for (int i = 0; i < cells.size(); i++) {
      sum[i] += cells.get(i);
    }
    return sum;
  }

  private static double rate(Tally tally) {
    return tally.n() == 0 ? Double.NaN : (double) tally.errors() / tally.n();
  }

  private static Interval bounds(Tally tally, double alpha) {
    return BetaMixture.interval(tally.errors(), tally.n(), alpha, BetaPrior.RATE_GRID);
  }
}
