package io.theseus.controller;

import io.theseus.routing.RouteState;
import io.theseus.routing.RouteTarget;
import io.theseus.routing.RouteWeights;
import io.theseus.routing.TrafficRouter;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * A router whose weight write to one canary weight waits for {@link #release()}: a tick held in the
 * middle of converging, as a slow mesh would hold it.
 */
final class GatedRouter implements TrafficRouter {

  private final TrafficRouter delegate;
  private final int gatedWeight;
  final Promise<Void> reached = Promise.promise();
  private final Promise<Void> gate = Promise.promise();

  GatedRouter(TrafficRouter delegate, int gatedWeight) {
    this.delegate = delegate;
    this.gatedWeight = gatedWeight;
  }

  void release() {
    gate.tryComplete();
  }

  @Override
  public Future<Void> setWeights(RouteTarget target, RouteWeights weights) {
    if (weights.canary() != gatedWeight) {
      return delegate.setWeights(target, weights);
    }
    reached.tryComplete();
    return gate.future().compose(v -> delegate.setWeights(target, weights));
  }

  @Override
  public Future<Void> initialize(RouteTarget target) {
    return delegate.initialize(target);
  }

  @Override
  public Future<Void> promote(RouteTarget target) {
    return delegate.promote(target);
  }

  @Override
  public Future<Void> setDarkCanary(RouteTarget target, boolean enabled) {
    return delegate.setDarkCanary(target, enabled);
  }

  @Override
  public Future<RouteState> read(RouteTarget target) {
    return delegate.read(target);
  }

  @Override
  public Future<Void> reset(RouteTarget target) {
    return delegate.reset(target);
  }
}
