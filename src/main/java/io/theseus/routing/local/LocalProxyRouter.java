package io.theseus.routing.local;

import io.theseus.playground.HeaderMatch;
import io.theseus.playground.MeshProxy;
import io.theseus.playground.VirtualRoutes;
import io.theseus.routing.RouteState;
import io.theseus.routing.RouteTarget;
import io.theseus.routing.RouteUpdateException;
import io.theseus.routing.RouteWeights;
import io.theseus.routing.TrafficRouter;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The {@link TrafficRouter} port over the playground's in-process {@link MeshProxy}s: the proxy's
 * {@link VirtualRoutes} play the VirtualService. A target is served by the proxy of its namespace
 * and service, whose stable and canary version labels must match the target's.
 */
public final class LocalProxyRouter implements TrafficRouter {

  private static final int RESET_ATTEMPTS = 2;
  private static final RouteState RESET_STATE = VirtualRoutes.ALL_STABLE.state();

  private final List<MeshProxy> proxies;

  /**
   * @param proxies the proxies of every service the engine may route
   */
  public LocalProxyRouter(Collection<MeshProxy> proxies) {
    this.proxies = List.copyOf(proxies);
  }

  @Override
  public Future<Void> initialize(RouteTarget target) {
    return update(target, routes -> VirtualRoutes.ALL_STABLE);
  }

  /**
   * A proxy's backends are fixed per version, so there is no subset to move: the promoted version
   * is its canary backend, which keeps all traffic, and the header route goes.
   */
  @Override
  public Future<Void> promote(RouteTarget target) {
    return update(
        target,
        routes -> routes.withCanaryHeader(Optional.empty()).withWeights(RouteWeights.canary(100)));
  }

  @Override
  public Future<Void> setDarkCanary(RouteTarget target, boolean enabled) {
    Optional<HeaderMatch> match =
        enabled
            ? Optional.of(new HeaderMatch(target.darkCanaryHeader(), target.darkCanaryValue()))
            : Optional.empty();
    return update(target, routes -> routes.withCanaryHeader(match));
  }

  @Override
  public Future<Void> setWeights(RouteTarget target, RouteWeights weights) {
    return update(target, routes -> routes.withWeights(weights));
  }

  @Override
  public Future<RouteState> read(RouteTarget target) {
    return proxyFor(target).map(proxy -> proxy.routes().state());
  }

  @Override
  public Future<Void> reset(RouteTarget target) {
    return resetVerified(target, RESET_ATTEMPTS);
  }

  /** Writes the reset and reads it back; another writer may race it, so it retries once. */
  private Future<Void> resetVerified(RouteTarget target, int attempts) {
    return update(target, routes -> VirtualRoutes.ALL_STABLE)
        .compose(v -> read(target))
        .compose(
            state -> {
              if (state.equals(RESET_STATE)) {
                return Future.succeededFuture();
              }
              return attempts > 1
                  ? resetVerified(target, attempts - 1)
                  : Future.failedFuture(failure(target, "reset", "read back " + state));
            });
  }

  private Future<Void> update(RouteTarget target, UnaryOperator<VirtualRoutes> change) {
    return proxyFor(target)
        .map(
            proxy -> {
              proxy.routes(change.apply(proxy.routes()));
              return null;
            });
  }

  private Future<MeshProxy> proxyFor(RouteTarget target) {
    for (MeshProxy proxy : proxies) {
      var spec = proxy.spec();
      if (spec.namespace().equals(target.namespace()) && spec.service().equals(target.service())) {
        return versionsMatch(proxy, target)
            ? Future.succeededFuture(proxy)
            : Future.failedFuture(
                failure(
                    target,
                    "route",
                    "proxy serves versions "
                        + proxy.stableVersion()
                        + "/"
                        + proxy.canaryVersion()
                        + ", target names "
                        + target.stableVersion()
                        + "/"
                        + target.canaryVersion()));
      }
    }
    return Future.failedFuture(failure(target, "route", "no local mesh proxy for this service"));
  }

  private static boolean versionsMatch(MeshProxy proxy, RouteTarget target) {
    return proxy.stableVersion().equals(target.stableVersion())
        && proxy.canaryVersion().equals(target.canaryVersion());
  }

  private static RouteUpdateException failure(RouteTarget target, String action, String cause) {
    return new RouteUpdateException(
        "VirtualService "
            + target.namespace()
            + "/"
            + target.service()
            + ": "
            + action
            + " failed: "
            + cause);
  }
}
