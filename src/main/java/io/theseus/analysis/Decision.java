package io.theseus.analysis;

import java.util.List;

/**
 * What the judge decided at one tick, why, and the state to persist for the next tick.
 *
 * @param kind what the rollout should do
 * @param targetWeight the canary weight the rollout should have after acting: the next step for
 *     ADVANCE, 100 for PROMOTE, 0 for ROLLBACK, the current weight for HOLD and PAUSE
 * @param reason one human sentence
 * @param verdicts one per metric of the analysis config, in config order
 * @param state the judge's state after this tick; pass it to the next {@link Judge#decide} call
 */
public record Decision(
    Kind kind, int targetWeight, String reason, List<Verdict> verdicts, JudgeState state) {

  public Decision {
    verdicts = List.copyOf(verdicts);
  }

  /** The rollout's move. */
  public enum Kind {
    /** Every metric passed this step: go to the next step's weight. */
    ADVANCE,
    /** Keep the weight and look again next tick. */
    HOLD,
    /** A critical metric failed (or the step deadline passed with onInconclusive=rollback). */
    ROLLBACK,
    /** Every metric passed the last step (100%): promote the canary. */
    PROMOTE,
    /** The step deadline passed with onInconclusive=pause: freeze and wait for an override. */
    PAUSE
  }
}
