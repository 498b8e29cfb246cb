package io.theseus.routing;

import io.vertx.core.Future;

/**
 * Port to a mesh or gateway that splits a service's traffic between stable and canary. Every method
 * is idempotent (ticks are recomputed and may repeat a call), never blocks the event loop, and
 * fails with {@link RouteUpdateException} naming the object and the cause.
 */
public interface TrafficRouter {

  /**
   * Ensures the routing objects exist with all traffic on stable and no header route, adopting
   * existing objects for the host without clobbering unrelated routes. The canary's version gets
   * traffic only after this call, never during it (whatever the routes held before).
   */
  Future<Void> initialize(RouteTarget target);

  /**
   * Makes the canary the new stable after promotion: the stable route selects the canary's version
   * and carries all traffic, the header route is gone. Every intermediate state sends traffic only
   * to the canary's version, so the old stable's pods can be removed afterwards.
   */
  Future<Void> promote(RouteTarget target);

  /** Adds ({@code true}) or removes the dark-canary header route, leaving weights as they are. */
  Future<Void> setDarkCanary(RouteTarget target, boolean enabled);

  /** Sets the weighted default route, leaving the header route as it is. */
  Future<Void> setWeights(RouteTarget target, RouteWeights weights);

  /** Reads the routing in force. */
  Future<RouteState> read(RouteTarget target);

  /**
   * Rolls traffic back: canary weight 0 and the header route removed, written first and then read
   * back and re-applied if it drifted.
   */
  Future<Void> reset(RouteTarget target);
}
