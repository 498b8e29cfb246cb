package io.theseus.rollout;

import java.time.Instant;

/**
 * Where a rollout is on its weight steps.
 *
 * @param index index into the analysis config's steps; -1 before the first weighted step
 * @param weight canary weight in percent the rollout wants in force
 * @param since when this step began
 * @param hooksPassed whether this step's smoke and performance hooks have passed
 */
public record Step(int index, int weight, Instant since, boolean hooksPassed) {

  /** Before any weighted traffic: no step, weight 0. */
  public static Step none(Instant now) {
    return new Step(-1, 0, now, false);
  }

  /** The same step with its hooks passed. */
  public Step withHooksPassed() {
    return new Step(index, weight, since, true);
  }
}
