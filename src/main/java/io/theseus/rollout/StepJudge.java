package io.theseus.rollout;

import io.theseus.analysis.JudgeState;
import io.theseus.analysis.TickEvidence;

/**
 * The judge as the controller calls it once per analysis tick: pure and quick, so it runs on the
 * event loop inside {@code map}. Its state travels through the rollout status, so a restarted
 * engine judges on from where it stopped.
 */
public interface StepJudge {

  /**
   * Judges one tick.
   *
   * @param spec the rollout, with its analysis config
   * @param state the judge's state after the previous tick, {@link JudgeState#initial()} on the
   *     first tick
   * @param evidence this tick's counts; metrics without data are listed in {@code missing}
   * @return the step decision, per-metric verdicts and the state to persist
   */
  Judgement judge(RolloutSpec spec, JudgeState state, TickEvidence evidence);
}
