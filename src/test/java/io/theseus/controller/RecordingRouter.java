package io.theseus.controller;

import io.theseus.routing.RouteState;
import io.theseus.routing.RouteTarget;
import io.theseus.routing.RouteUpdateException;
import io.theseus.routing.RouteWeights;
import io.theseus.routing.TrafficRouter;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** An in-memory mesh that records every write in the call log and the canary weights it set. */
final class RecordingRouter implements TrafficRouter {

  private final CallLog log;
  private final List<Integer> canaryWeights = new ArrayList<>();
  private volatile RouteState state = new RouteState(RouteWeights.ALL_STABLE, false);
  private volatile boolean failing;

  RecordingRouter(CallLog log) {
    this.log = log;
  }

  RouteState state() {
    return state;
  }

  /** Every canary weight written, in order (resets included as 0). */
  synchronized List<Integer> canaryWeights() {
    return List.copyOf(canaryWeights);
  }

  void failing(boolean fail) {
    this.failing = fail;
  }

  @Override
  public Future<Void> initialize(RouteTarget target) {
    return write("router.initialize", () -> {});
  }

  /** The canary's version becomes the stable subset's: all traffic on "stable", no header route. */
  @Override
  public Future<Void> promote(RouteTarget target) {
    return write("router.promote", () -> state = new RouteState(RouteWeights.ALL_STABLE, false));
  }

  @Override
  public Future<Void> setDarkCanary(RouteTarget target, boolean enabled) {
    return write(
        "router.setDarkCanary " + enabled, () -> state = new RouteState(state.weights(), enabled));
  }

  @Override
  public Future<Void> setWeights(RouteTarget target, RouteWeights weights) {
    return write(
        "router.setWeights " + weights.canary(),
        () -> {
          state = new RouteState(weights, state.darkCanary());
          canaryWeights.add(weights.canary());
        });
  }

  @Override
  public Future<RouteState> read(RouteTarget target) {
    return failing
        ? Future.failedFuture(new RouteUpdateException("mesh unreachable"))
        : Future.succeededFuture(state);
  }

  @Override
  public Future<Void> reset(RouteTarget target) {
    return write(
        "router.reset",
        () -> {
          state = new RouteState(RouteWeights.ALL_STABLE, false);
          canaryWeights.add(0);
        });
  }

  private synchronized Future<Void> write(String call, Runnable change) {
    if (failing) {
      return Future.failedFuture(new RouteUpdateException(call + ": mesh unreachable"));
    }
    change.run();
    log.add(call);
    return Future.succeededFuture();
  }
}
