package io.theseus.bench.run;

/**
 * How one simulated rollout ended.
 *
 * @param outcome ROLLBACK, PROMOTE or PAUSE; CONTINUE means the schedule ran out undecided
 * @param minutes minutes from the first canary traffic to the decision (or to the horizon)
 * @param canaryRequests requests the canary served up to and including the decisive window
 * @param cause the judge's {@link Rollout#cause()} of the decision, empty when it gives none
 */
public record RunResult(Rollout.Action outcome, double minutes, long canaryRequests, String cause) {

  /** True when the rollout ended in a rollback. */
  public boolean rolledBack() {
    return outcome == Rollout.Action.ROLLBACK;
  }

  /** True when the rollout promoted the canary. */
  public boolean promoted() {
    return outcome == Rollout.Action.PROMOTE;
  }

  /** True when the rollout ended without a verdict (paused or out of schedule). */
  public boolean inconclusive() {
    return outcome == Rollout.Action.PAUSE || outcome == Rollout.Action.CONTINUE;
  }
}
