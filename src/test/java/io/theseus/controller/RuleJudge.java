package io.theseus.controller;

import io.theseus.analysis.JudgeState;
import io.theseus.analysis.RatioCounts;
import io.theseus.analysis.TickEvidence;
import io.theseus.rollout.Judgement;
import io.theseus.rollout.MetricLine;
import io.theseus.rollout.RolloutSpec;
import io.theseus.rollout.StepJudge;
import java.util.List;

/**
 * A test stand-in for the statistical judge with an obvious rule: no evidence holds, a canary error
 * rate 5 points over stable rolls back, anything else advances. The controller's behaviour is what
 * the tests check, not statistics.
 */
final class RuleJudge implements StepJudge {

  private int ticks;

  int ticks() {
    return ticks;
  }

  @Override
  public Judgement judge(RolloutSpec spec, JudgeState state, TickEvidence evidence) {
    ticks++;
    if (!evidence.missing().isEmpty() || !evidence.metrics().containsKey("error-rate")) {
      return judgement(Judgement.Action.HOLD, "no evidence: " + evidence.missing(), "INCONCLUSIVE");
    }
    RatioCounts stable = (RatioCounts) evidence.metrics().get("error-rate").stable();
    RatioCounts canary = (RatioCounts) evidence.metrics().get("error-rate").canary();
    double gap = rate(canary) - rate(stable);
    return gap > 0.05
        ? judgement(Judgement.Action.ROLLBACK, "error-rate FAIL", "FAIL")
        : judgement(Judgement.Action.ADVANCE, "error-rate PASS", "PASS");
  }

  private static double rate(RatioCounts c) {
    return c.total() == 0 ? 0 : (double) c.errors() / c.total();
  }

  private static Judgement judgement(Judgement.Action action, String why, String verdict) {
    MetricLine line = new MetricLine("error-rate", verdict, null, null, null, 1.0, 400.0, why);
    return new Judgement(action, why, List.of(line), JudgeState.initial());
  }
}
