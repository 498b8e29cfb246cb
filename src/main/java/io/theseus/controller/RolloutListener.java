package io.theseus.controller;

import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.OverrideRecord;

/**
 * Told about every rollout after each of its ticks (and overrides), on the controller's event loop;
 * must not block.
 */
@FunctionalInterface
public interface RolloutListener {

  /** Called after a tick with the rollout as it now is (also after a failed tick). */
  void onTick(RolloutView view);

  /** Called once per manual override that made a transition, before the view is published. */
  default void onOverride(CanaryRef ref, OverrideRecord record) {}
}
