package io.theseus.analysis;

import io.theseus.config.AnalysisConfig;
import io.theseus.config.MetricSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The canary judge: a pure state machine fed one {@link TickEvidence} per analysis tick. It keeps
 * an anytime-valid e-process per metric (restarted at every weight change, stage e-values
 * multiplied), captures each metric's tolerance band in the first step, and decides per tick:
 *
 * <pre>{@code
 * JudgeState state = JudgeState.initial();
 * for (TickEvidence tick : ticks) {
 *   Decision d = judge.decide(config, state, tick);
 *   state = d.state();           // persist it; act on d.kind() / d.targetWeight()
 * }
 * }</pre>
 *
 * <p>The chance that a FAIL verdict rolls back a healthy canary stays at or below {@code
 * config.alpha()} however often it looks: alpha is split across metrics in proportion to their
 * {@code weight} (equally by default), and within a metric half goes to the e-process and half to
 * the bounds that can roll back; the bound that can only pass gets the whole alpha per step, since
 * every metric must pass (see docs/judge.md). The tick's weight decides its step: the first step
 * whose weight is at or above it. When the live stable's own tick is outside the captured band in a
 * later step (a degradation both versions share), the metric is held instead of failed on the band,
 * for at most one {@code stepDeadline} per step, and the step's non-inferiority evidence restarts
 * after it. No I/O, no clock, no logging.
 */
public final class Judge {

  /** Decides one tick. Never throws for odd evidence: unusable metrics are INCONCLUSIVE. */
  public Decision decide(AnalysisConfig config, JudgeState state, TickEvidence tick) {
    JudgeState current = Stages.enter(config, state, tick);
    Map<String, MetricState> metrics = new HashMap<>(current.metrics());
    Map<String, CapturedTolerance> captured = new HashMap<>(current.captured());
    List<Verdict> verdicts = new ArrayList<>();
    long requests = current.canaryRequests();
    for (MetricSpec spec : config.metrics()) {
      Judged judged = judge(config, current, spec, tick);
      metrics.put(spec.name(), judged.state());
      if (judged.capture() != null) {
        captured.put(spec.name(), judged.capture());
      }
      verdicts.add(judged.verdict());
      if (MetricRule.of(spec.kind()).countsRequests()) {
        requests = Math.max(requests, judged.state().canary().n());
      }
    }
    JudgeState next =
        new JudgeState(
            current.stage(),
            current.weight(),
            current.stageStart(),
            current.ticks() + 1,
            requests,
            metrics,
            captured);
    return Stages.decide(config, next, verdicts, tick);
  }

  private record Judged(MetricState state, Verdict verdict, CapturedTolerance capture) {

    /** The verdict noting that the stable is degraded too but the grace is used up. */
    Judged graceOver(String degraded, Duration grace) {
      return new Judged(state, MetricVerdicts.graceOver(verdict, degraded, grace), capture);
    }
  }

  private static Judged judge(
      AnalysisConfig config, JudgeState current, MetricSpec spec, TickEvidence tick) {
    MetricState state = current.metric(spec.name());
    CapturedTolerance captured = current.captured().get(spec.name());
    StepContext step = Stages.context(config, current, spec, captured);
    MetricRule rule = MetricRule.of(spec.kind());
    String unusable = unusable(spec, rule, tick);
    if (unusable != null) {
      return new Judged(
          state,
          Verdict.noEvidence(spec.name(), unusable, state.logE(), step.logThreshold()),
          null);
    }
    MetricEvidence evidence = tick.metrics().get(spec.name());
    String degraded = step.restartable() ? rule.degraded(evidence, step) : null;
    MetricState added = rule.add(state, evidence, step).withMax();
    Figures figures = rule.figures(added, step);
    if (degraded != null && Stages.withinGrace(config, state)) {
      Verdict held = MetricVerdicts.heldForDegradedStable(added, figures, step, degraded);
      return new Judged(added.heldForDegradedStable(state.ticks() > 0), held, null);
    }
    Judged judged = againstBand(current, added, figures, step, tick);
    return degraded == null ? judged : judged.graceOver(degraded, config.stepDeadline());
  }

  /**
   * The verdict against the captured band; in the first step, before capture, against the band
   * captured now (or none yet), in a step that never captured against the live stable's band. The
   * e-process FAIL of a ratio metric reads the captured band, or before capture the live one.
   */
  private static Judged againstBand(
      JudgeState current, MetricState added, Figures figures, StepContext step, TickEvidence tick) {
    CapturedTolerance capture = null;
    CapturedTolerance live = step.captured();
    if (step.captured() == null) {
      capture = capture(current, added, figures, step, tick);
      live = MetricVerdicts.band(added, figures, step, tick.time());
      step = step.withCaptured(current.stage() == 0 ? capture : live);
    }
    Verdict verdict = MetricVerdicts.verdict(added, figures, step, live);
    return new Judged(added, verdict, capture);
  }

  /** The band to freeze now: in the first step, once the metric has its minimum evidence. */
  private static CapturedTolerance capture(
      JudgeState current, MetricState added, Figures figures, StepContext step, TickEvidence tick) {
    CapturedTolerance band = MetricVerdicts.band(added, figures, step, tick.time());
    boolean capturing =
        current.stage() == 0
            && band != null
            && MetricVerdicts.hasMinEvidence(added, figures, step)
            && MetricRule.of(step.spec().kind()).preciseEnough(figures, step);
    return capturing ? band : null;
  }

  /** Why the tick has no usable evidence for the metric, or null when it has. */
  private static String unusable(MetricSpec spec, MetricRule rule, TickEvidence tick) {
    String missing = tick.missing().get(spec.name());
    if (missing != null) {
      return "no evidence this tick: " + missing;
    }
    MetricEvidence evidence = tick.metrics().get(spec.name());
    if (evidence == null) {
      return "no evidence this tick";
    }
    if (!rule.accepts(evidence.canary())) {
      return "evidence is "
          + evidence.canary().getClass().getSimpleName()
          + " but the metric is "
          + spec.kind().yamlName();
    }
    return null;
  }
}
