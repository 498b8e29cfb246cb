package io.theseus.analysis;

import io.theseus.config.MetricKind;
import java.util.List;

/** How one kind of metric accumulates evidence and turns it into figures. */
interface MetricRule {

  /** Whether the sample's record type is this kind's. */
  boolean accepts(Sample sample);

  /**
   * Adds one tick's evidence to the step's state and recomputes the step's e-value. Returns the
   * state unchanged when the tick holds nothing usable (a gauge without readings).
   */
  MetricState add(MetricState state, MetricEvidence evidence, StepContext step);

  /** The step's figures: values, bounds and sample sizes. */
  Figures figures(MetricState state, StepContext step);

  /**
   * Histograms: the {@link SlowShare} limit to freeze at capture from the step's stable; NaN for
   * kinds without one.
   */
  default double slowShareLimit(MetricState state, Figures figures, StepContext step) {
    return Double.NaN;
  }

  /**
   * Whether the stable's figures are precise enough to freeze its band. Ratio metrics wait until
   * the stable's bound on the worse side lies within the tolerance's own allowance around its rate,
   * so scarce stable data cannot widen the band several times over (at 20 rps, 9 errors in 1740
   * requests put the bound at 1.8% for a 0.5% rate). Quantile and gauge bounds sit at bucket or
   * reading resolution and may never come that close: they capture at their minimum evidence.
   */
  default boolean preciseEnough(Figures figures, StepContext step) {
    return true;
  }

  /**
   * Why the live stable's evidence of this tick alone is outside the captured band ({@code
   * step.captured()}, never null here), or null when it is inside: a degradation both versions
   * share, which the judge holds through instead of blaming the canary. Gauges: never.
   */
  default String degraded(MetricEvidence evidence, StepContext step) {
    return null;
  }

  /**
   * Whether the e-process tests "canary worse than the live stable" without the tolerance, so that
   * a FAIL also needs the canary's figure beyond the band (ratio metrics). The other kinds put the
   * tolerance into the e-process's null as a slack and FAIL on the e-process alone.
   */
  default boolean failsOnFigure() {
    return false;
  }

  /** Whether {@code minEvidence.canaryRequests} applies (not to gauges, which count ticks). */
  boolean countsRequests();

  static MetricRule of(MetricKind kind) {
    return switch (kind) {
      case RATIO -> new RatioRule();
      case HISTOGRAM -> new HistogramRule();
      case GAUGE -> new GaugeRule();
    };
  }

  static List<Long> boxed(long[] values) {
    return java.util.Arrays.stream(values).boxed().toList();
  }

  static long[] unboxed(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }
}
