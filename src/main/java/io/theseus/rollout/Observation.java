package io.theseus.rollout;

/**
 * What the shell observed in one tick, as the current phase needs it: the rollout machine turns a
 * status plus an observation into the next status.
 */
public sealed interface Observation {

  /**
   * A workload as read now: the stable one in Pending, the canary in Initializing and Finalizing.
   *
   * @param exists whether it exists
   * @param replicas its desired replicas
   * @param available whether all desired replicas are ready
   * @param revision its pod template revision
   */
  record WorkloadSeen(boolean exists, int replicas, boolean available, String revision)
      implements Observation {}

  /** The outcome of the phase's smoke hooks (DarkCanary, Promoting). */
  record HooksRan(HookOutcome outcome) implements Observation {}

  /**
   * One analysis tick of a weighted step (Baseline, Progressing, Paused).
   *
   * @param stepHooks the step's hooks, run this tick; null when they had already passed
   * @param judgement the judge's conclusion from this tick's evidence
   * @param outage why the metrics plane is unusable (query error, stale series), or null
   * @param canaryRequests canary requests in this tick's window
   */
  record Analysed(HookOutcome stepHooks, Judgement judgement, String outage, long canaryRequests)
      implements Observation {}

  /**
   * The canary's traffic after a rollback reset the routes.
   *
   * @param canaryRequests canary requests in the window since the reset, or null when unknown yet
   *     (window not elapsed, metrics unavailable)
   */
  record Drained(Long canaryRequests) implements Observation {}
}
