package io.theseus.controller;

import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.OverrideOutcome;
import io.theseus.rollout.OverrideRequest;
import io.vertx.core.Future;

/** Manual overrides of running rollouts: the one way the API changes what the engine does. */
public interface Overrides {

  /**
   * Applies a manual override to a rollout, after the tick (or override) of that rollout in flight,
   * if any, so a transition is never applied half way; no tick starts until it is done.
   *
   * @return the outcome once an applied override is persisted and converged (routes, workloads);
   *     fails with {@link UnknownRolloutException} when the engine does not run {@code ref}, or
   *     with the store's or router's failure
   */
  Future<OverrideOutcome> override(CanaryRef ref, OverrideRequest request);
}
