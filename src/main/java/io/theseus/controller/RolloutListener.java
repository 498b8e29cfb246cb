package io.theseus.controller;

/**
 * Told about every rollout after each of its ticks, on the controller's event loop; must not block.
 */
@FunctionalInterface
public interface RolloutListener {

  /** Called after a tick with the rollout as it now is (also after a failed tick). */
  void onTick(RolloutView view);
}
