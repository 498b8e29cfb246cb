package io.theseus.controller;

import io.theseus.rollout.RolloutSpec;
import io.theseus.rollout.RolloutStatus;
import io.theseus.routing.RouteState;
import io.theseus.routing.RouteTarget;
import io.theseus.routing.RouteWeights;
import io.theseus.routing.TrafficRouter;
import io.theseus.workload.WorkloadRef;
import io.theseus.workload.WorkloadState;
import io.theseus.workload.Workloads;
import io.vertx.core.Future;

/**
 * Brings routes and workloads to what a persisted status asks for. Idempotent: it reads before it
 * writes, so running it every tick, or again after a crash, changes nothing that is already right.
 * The stable workload is only ever scaled below its backup once the status says promotion began.
 */
final class Convergence {

  private final RolloutSpec spec;
  private final TrafficRouter router;
  private final Workloads workloads;
  private final RouteTarget target;

  Convergence(RolloutSpec spec, TrafficRouter router, Workloads workloads) {
    this.spec = spec;
    this.router = router;
    this.workloads = workloads;
    this.target = targetOf(spec);
  }

  /** The routing target of a rollout: its service, subsets and dark-canary header. */
  static RouteTarget targetOf(RolloutSpec spec) {
    return new RouteTarget(
        spec.ref().namespace(),
        spec.service().name(),
        spec.stable().version(),
        spec.canary().version(),
        spec.analysis().darkCanaryHeader(),
        spec.ref().name());
  }

  /**
   * Converges to {@code status}. {@code entering} is true right after the status was persisted as a
   * transition: a rollback then resets traffic without reading first.
   */
  Future<Void> apply(RolloutStatus status, boolean entering) {
    return switch (status.phase()) {
      case INITIALIZING -> router.initialize(target);
      case DARK_CANARY -> route(RouteWeights.ALL_STABLE, true);
      case BASELINE, PROGRESSING -> route(RouteWeights.canary(status.canaryWeight()), true);
      case PROMOTING -> route(RouteWeights.canary(100), true).compose(v -> lowerStable(status));
      case FINALIZING -> router.promote(target).compose(v -> removeStable());
      case ROLLING_BACK -> rollBack(status, entering);
      case PENDING, PAUSED, SUCCEEDED, ROLLED_BACK, FAILED -> Future.succeededFuture();
    };
  }

  private Future<Void> route(RouteWeights weights, boolean darkCanary) {
    return router
        .read(target)
        .compose(
            now -> {
              Future<Void> header =
                  now.darkCanary() == darkCanary
                      ? Future.succeededFuture()
                      : router.setDarkCanary(target, darkCanary);
              return header.compose(v -> weights(now, weights));
            });
  }

  private Future<Void> weights(RouteState now, RouteWeights wanted) {
    return now.weights().equals(wanted)
        ? Future.succeededFuture()
        : router.setWeights(target, wanted);
  }

  /** Rollback: traffic first, unless the stable was lowered, which must regain capacity first. */
  private Future<Void> rollBack(RolloutStatus status, boolean entering) {
    if (status.stableLowered()) {
      return restoreStable(status)
          .compose(v -> resetRoutes(entering))
          .compose(v -> remove(canaryRef()));
    }
    return resetRoutes(entering)
        .compose(v -> restoreStable(status))
        .compose(v -> remove(canaryRef()));
  }

  /** Resets at once when entering; later ticks re-apply the reset only if the routes drifted. */
  private Future<Void> resetRoutes(boolean entering) {
    if (entering) {
      return router.reset(target);
    }
    return router
        .read(target)
        .compose(
            now ->
                now.weights().equals(RouteWeights.ALL_STABLE) && !now.darkCanary()
                    ? Future.<Void>succeededFuture()
                    : router.reset(target));
  }

  private Future<Void> restoreStable(RolloutStatus status) {
    if (status.backup() == null) {
      return Future.succeededFuture();
    }
    int replicas = status.backup().replicas();
    return workloads
        .read(stableRef())
        .compose(
            now ->
                now.exists() && now.replicas() == replicas
                    ? Future.succeededFuture()
                    : workloads.scale(stableRef(), replicas));
  }

  private Future<Void> lowerStable(RolloutStatus status) {
    if (!status.stableLowered()) {
      throw new IllegalStateException(spec.ref() + ": stable may not be lowered before 100%");
    }
    int floor = spec.limits().minReplicas();
    return workloads
        .read(stableRef())
        .compose(
            now ->
                now.replicas() <= floor
                    ? Future.succeededFuture()
                    : workloads.scale(stableRef(), floor));
  }

  private Future<Void> removeStable() {
    return remove(stableRef());
  }

  private Future<Void> remove(WorkloadRef ref) {
    return workloads
        .read(ref)
        .compose(
            (WorkloadState now) ->
                now.exists() && now.replicas() > 0
                    ? workloads.remove(ref)
                    : Future.<Void>succeededFuture());
  }

  private WorkloadRef stableRef() {
    return new WorkloadRef(spec.ref().namespace(), spec.stable().workload());
  }

  private WorkloadRef canaryRef() {
    return new WorkloadRef(spec.ref().namespace(), spec.canary().workload());
  }
}
