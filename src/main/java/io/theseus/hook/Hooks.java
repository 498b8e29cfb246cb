package io.theseus.hook;

import io.theseus.config.HookSpec;
import io.theseus.rollout.HookOutcome;
import io.vertx.core.Future;
import java.util.List;

/**
 * Port that runs a stage's hooks. Hooks run one after another and the first failure stops the rest;
 * each attempt is bounded by its {@link HookSpec#timeout()}. Never blocks the event loop.
 */
public interface Hooks {

  /**
   * Runs {@code hooks} in order.
   *
   * @return a passed outcome naming what ran (also when {@code hooks} is empty), or a failed one
   *     naming the hook and the cause; the future itself fails only on a bug, never on a hook
   *     failure
   */
  Future<HookOutcome> run(List<HookSpec> hooks, HookContext context);
}
