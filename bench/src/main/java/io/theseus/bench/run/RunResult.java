package io.theseus.bench.run;

/**
 * How one simulated rollout ended.
 *
 * @param outcome ROLLBACK, PROMOTE or PAUSE; CONTINUE means the schedule ran out undecided
 * @param minutes minutes from the first canary traffic to the decision (or to the horizon)
 * @param canaryRequests requests the canary served up to and including the decisive window
 */
public record RunResult(Rollout.Action outcome, int minutes, long canaryRequests) {

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
