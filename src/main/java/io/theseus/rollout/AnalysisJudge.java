package io.theseus.rollout;

import io.theseus.analysis.Decision;
import io.theseus.analysis.Judge;
import io.theseus.analysis.JudgeState;
import io.theseus.analysis.TickEvidence;
import io.theseus.analysis.Verdict;
import io.theseus.config.Direction;

/**
 * The statistical {@link Judge} as the rollout machine consumes it. One rule is added on top, from
 * DESIGN.md §1: the first step (Baseline) passes once every metric's tolerance is captured, none
 * fails and each canary figure lies inside its band ("captured and no regression"); non-inferiority
 * against the captured band is what the later steps must show.
 */
public final class AnalysisJudge implements StepJudge {

  private final Judge judge = new Judge();

  @Override
  public Judgement judge(RolloutSpec spec, JudgeState state, TickEvidence evidence) {
    Decision decision = judge.decide(spec.analysis(), state, evidence);
    boolean captured = baselineCaptured(spec, decision);
    return new Judgement(
        captured ? Judgement.Action.ADVANCE : action(decision.kind()),
        captured ? "tolerances captured, no regression: " + decision.reason() : decision.reason(),
        decision.verdicts().stream().map(AnalysisJudge::line).toList(),
        decision.state());
  }

  private static boolean baselineCaptured(RolloutSpec spec, Decision decision) {
    JudgeState next = decision.state();
    boolean allCaptured =
        spec.analysis().metrics().stream().allMatch(m -> next.captured().containsKey(m.name()));
    boolean noRegression = decision.verdicts().stream().allMatch(v -> withinBand(spec, v));
    return next.stage() == 0
        && decision.kind() == Decision.Kind.HOLD
        && allCaptured
        && noRegression;
  }

  /** Not failing, and the canary's own figure inside the band captured from the stable. */
  private static boolean withinBand(RolloutSpec spec, Verdict v) {
    if (v.outcome() == Verdict.Outcome.FAIL
        || !Double.isFinite(v.canaryValue())
        || !Double.isFinite(v.toleranceLimit())) {
      return false;
    }
    boolean higherIsWorse =
        spec.analysis()
            .metric(v.metric())
            .map(m -> m.direction() == Direction.INCREASE)
            .orElse(true);
    return higherIsWorse
        ? v.canaryValue() <= v.toleranceLimit()
        : v.canaryValue() >= v.toleranceLimit();
  }

  private static Judgement.Action action(Decision.Kind kind) {
    return switch (kind) {
      case ADVANCE, PROMOTE -> Judgement.Action.ADVANCE;
      case HOLD -> Judgement.Action.HOLD;
      case ROLLBACK -> Judgement.Action.ROLLBACK;
      case PAUSE -> Judgement.Action.PAUSE;
    };
  }

  private static MetricLine line(Verdict v) {
    return new MetricLine(
        v.metric(),
        v.outcome().name(),
        finite(v.canaryValue()),
        finite(v.stableValue()),
        finite(v.toleranceLimit()),
        finite(v.eValue()),
        v.reason());
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
