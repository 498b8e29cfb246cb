package io.theseus.rollout;

import io.theseus.analysis.JudgeState;
import java.util.List;

/**
 * What the judge concluded from one tick's evidence, as the rollout machine consumes it.
 *
 * @param action what the step should do
 * @param reason why, in one line
 * @param metrics per-metric verdicts, for status and display
 * @param state the judge's state after this tick, persisted in status
 */
public record Judgement(Action action, String reason, List<MetricLine> metrics, JudgeState state) {

  public Judgement {
    metrics = List.copyOf(metrics);
  }

  /** The step-level decision. */
  public enum Action {
    /** Every metric passed with enough evidence: go to the next step (or promote after 100%). */
    ADVANCE,
    /** Not enough evidence yet: keep the weight. */
    HOLD,
    /** A critical metric failed: roll back now. */
    ROLLBACK,
    /** The step stayed inconclusive past its deadline and the config says pause. */
    PAUSE
  }
}
