package io.theseus.controller;

import io.theseus.rollout.CanaryRef;
import java.util.List;
import java.util.Optional;

/** Read-only access to the rollouts an engine runs: what the API reaches the controller through. */
public interface RolloutQueries {

  /** Every rollout, ordered by namespace and name. Safe to call from any thread. */
  List<RolloutView> rollouts();

  /** One rollout, or empty when the engine does not run it. Safe to call from any thread. */
  Optional<RolloutView> rollout(CanaryRef ref);
}
