package io.theseus.rollout;

import io.theseus.analysis.Decision;
import io.theseus.analysis.Judge;
import io.theseus.analysis.JudgeState;
import io.theseus.analysis.TickEvidence;
import io.theseus.analysis.Verdict;

/**
 * The statistical {@link Judge} as the rollout machine consumes it: the judge's decision mapped to
 * an action and display lines. The judge itself applies DESIGN.md §1's Baseline rule (the first
 * step passes once tolerances are captured with no regression; later steps must prove
 * non-inferiority), so nothing is decided here.
 */
public final class AnalysisJudge implements StepJudge {

  private final Judge judge = new Judge();

  @Override
  public Judgement judge(RolloutSpec spec, JudgeState state, TickEvidence evidence) {
    Decision decision = judge.decide(spec.analysis(), state, evidence);
    return new Judgement(
        action(decision.kind()),
        decision.reason(),
        decision.verdicts().stream().map(AnalysisJudge::line).toList(),
        decision.state());
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
        finite(v.eValueThreshold()),
        v.reason());
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
