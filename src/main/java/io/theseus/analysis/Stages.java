package io.theseus.analysis;

import io.theseus.config.AnalysisConfig;
import io.theseus.config.MetricSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Step bookkeeping of the judge: which step a tick belongs to, budgets, and the decision. */
final class Stages {

  private Stages() {}

  /** The index of the first step whose weight is at or above {@code weight}. */
  static int stageOf(List<Integer> steps, int weight) {
    for (int i = 0; i < steps.size(); i++) {
      if (weight <= steps.get(i)) {
        return i;
      }
    }
    return steps.size() - 1;
  }

  /**
   * The state for the tick's step: unchanged while the weight stays, otherwise a fresh step whose
   * e-processes restart (the traffic split changed) and carry the finished step's e-value.
   */
  static JudgeState enter(AnalysisConfig config, JudgeState state, TickEvidence tick) {
    int stage = stageOf(config.steps(), tick.weight());
    if (state.stage() == stage && state.weight() == tick.weight()) {
      return state;
    }
    Map<String, MetricState> metrics = new HashMap<>();
    state.metrics().forEach((name, metric) -> metrics.put(name, metric.nextStage()));
    return new JudgeState(
        stage,
        tick.weight(),
        tick.time().minus(config.interval()),
        0,
        0,
        metrics,
        state.captured());
  }

  /** The sum of the metrics' weights: each metric's share of alpha is its weight over this. */
  private static double totalWeight(AnalysisConfig config) {
    return config.metrics().stream().mapToDouble(MetricSpec::weight).sum();
  }

  /**
   * The budgets of one metric in the current step: weighted Bonferroni over metrics (each metric
   * gets {@code alpha · weight / Σ weights}; equal weights give {@code alpha / m}) and steps for
   * what can roll back; the whole alpha per step for the bound that can only pass, since a step
   * passes only when every metric does (an intersection-union test: a canary beyond the tolerance
   * on one metric is passed wrongly only when that metric's own test errs, so no correction over
   * metrics). In a step that restarts its non-inferiority evidence after a shared degradation, the
   * bounds of the metric's current segment get that segment's share of their alpha.
   */
  static StepContext context(
      AnalysisConfig config, JudgeState state, MetricSpec spec, CapturedTolerance captured) {
    double perMetric = config.alpha() * spec.weight() / totalWeight(config);
    // Half of a metric's alpha for the e-process, half for the confidence bounds: one stable
    // bound at capture plus one canary bound per step.
    double csAlpha = perMetric / (2.0 * (config.steps().size() + 1));
    boolean restartable = state.stage() > 0 && captured != null;
    double share = restartable ? MetricState.segmentShare(state.metric(spec.name()).restarts()) : 1;
    return new StepContext(
        spec,
        state.weight() / 100.0,
        csAlpha * share,
        config.alpha() * share,
        Math.log(2 / perMetric),
        config.minEvidence(),
        captured,
        state.stage() == 0 && config.steps().size() > 1,
        restartable);
  }

  /**
   * Whether a metric may still be held for a degraded live stable: its held ticks in this step stay
   * below {@code stepDeadline}. After that the captured band applies even though the stable is
   * outside it too, so a canary that drags the shared stable down is still caught.
   */
  static boolean withinGrace(AnalysisConfig config, MetricState state) {
    return heldFor(config, state.degradedTicks()).compareTo(config.stepDeadline()) < 0;
  }

  private static Duration heldFor(AnalysisConfig config, int ticks) {
    return config.interval().multipliedBy(ticks);
  }

  /**
   * The step's deadline clock: time since its start, minus the ticks held for a degraded stable.
   */
  private static Duration elapsed(AnalysisConfig config, JudgeState next, TickEvidence tick) {
    int held =
        next.metrics().values().stream().mapToInt(MetricState::degradedTicks).max().orElse(0);
    return Duration.between(next.stageStart(), tick.time()).minus(heldFor(config, held));
  }

  /** The rollout decision from the verdicts (see {@link Decision.Kind}). */
  static Decision decide(
      AnalysisConfig config, JudgeState next, List<Verdict> verdicts, TickEvidence tick) {
    List<Verdict> criticalFails = failing(config, verdicts, true);
    if (!criticalFails.isEmpty()) {
      String why = "critical metric failed: " + explain(criticalFails);
      return of(Decision.Kind.ROLLBACK, 0, why, verdicts, next);
    }
    boolean allPass =
        !verdicts.isEmpty() && verdicts.stream().allMatch(v -> v.outcome() == Verdict.Outcome.PASS);
    if (allPass) {
      return advance(config, next, verdicts, "every metric passed at " + tick.weight() + "%");
    }
    List<Verdict> open =
        verdicts.stream().filter(v -> v.outcome() != Verdict.Outcome.PASS).toList();
    if (elapsed(config, next, tick).compareTo(config.stepDeadline()) < 0) {
      String why = "holding at " + tick.weight() + "%: " + explain(open);
      return of(Decision.Kind.HOLD, tick.weight(), why, verdicts, next);
    }
    return atDeadline(config, next, verdicts, open, tick);
  }

  /** The step deadline passed without every metric passing. */
  private static Decision atDeadline(
      AnalysisConfig config,
      JudgeState next,
      List<Verdict> verdicts,
      List<Verdict> open,
      TickEvidence tick) {
    String late = "step deadline " + config.stepDeadline() + " passed: ";
    List<Verdict> fails = failing(config, verdicts, false);
    if (!fails.isEmpty()) {
      String why = late + "metric failing: " + explain(fails);
      return of(Decision.Kind.ROLLBACK, 0, why, verdicts, next);
    }
    String why =
        late
            + "inconclusive ("
            + explain(open)
            + "), onInconclusive="
            + config.onInconclusive().yamlName();
    return switch (config.onInconclusive()) {
      case ROLLBACK -> of(Decision.Kind.ROLLBACK, 0, why, verdicts, next);
      case PAUSE -> of(Decision.Kind.PAUSE, tick.weight(), why, verdicts, next);
      case ADVANCE -> advance(config, next, verdicts, why);
    };
  }

  private static Decision advance(
      AnalysisConfig config, JudgeState next, List<Verdict> verdicts, String why) {
    for (int step : config.steps()) {
      if (step > next.weight()) {
        return of(Decision.Kind.ADVANCE, step, why + "; next step " + step + "%", verdicts, next);
      }
    }
    return of(Decision.Kind.PROMOTE, 100, why + "; promote", verdicts, next);
  }

  private static List<Verdict> failing(
      AnalysisConfig config, List<Verdict> verdicts, boolean critical) {
    return verdicts.stream()
        .filter(v -> v.outcome() == Verdict.Outcome.FAIL)
        .filter(v -> config.metric(v.metric()).map(MetricSpec::critical).orElse(false) == critical)
        .toList();
  }

  private static String explain(List<Verdict> verdicts) {
    if (verdicts.isEmpty()) {
      return "no metrics to judge";
    }
    return verdicts.stream()
        .map(v -> v.metric() + " " + v.outcome() + " (" + v.reason() + ")")
        .collect(Collectors.joining("; "));
  }

  private static Decision of(
      Decision.Kind kind, int weight, String reason, List<Verdict> verdicts, JudgeState next) {
    return new Decision(kind, weight, reason, verdicts, next);
  }
}
