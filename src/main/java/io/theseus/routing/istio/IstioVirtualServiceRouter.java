package io.theseus.routing.istio;

import com.google.gson.JsonObject;
import io.kubernetes.client.openapi.ApiClient;
import io.theseus.kube.KubeApiException;
import io.theseus.kube.KubeCalls;
import io.theseus.routing.RouteState;
import io.theseus.routing.RouteTarget;
import io.theseus.routing.RouteUpdateException;
import io.theseus.routing.RouteWeights;
import io.theseus.routing.TrafficRouter;
import io.vertx.core.Future;
import java.util.function.Function;

/**
 * {@link TrafficRouter} for Istio: a DestinationRule with {@code stable} and {@code canary} subsets
 * (selected by the version label) and a VirtualService whose first route is the dark-canary header
 * route and whose weighted default route is {@value VirtualServiceWeights#PRIMARY_ROUTE}
 * (networking.istio.io/v1). Existing objects for the host are adopted; only the named routes and
 * subsets are Theseus's.
 *
 * <p>Every change is a JSON Patch planned from a fresh read and guarded by test ops. A patch the
 * server refuses because its test failed means someone else changed the route between the read and
 * the write: the router re-reads, succeeds if the wanted state is already there (a repeat after a
 * lost response), and otherwise fails with a {@link RouteUpdateException} rather than overwrite the
 * other writer; the next tick re-reads and decides. Conflicts, 5xx and timeouts repeat the whole
 * read-plan-write sequence ({@link KubeCalls#retry}), so a retried step is never applied twice.
 *
 * <p>{@link #initialize} writes in an order that never routes traffic to the canary's version: the
 * stable subset selects the stable's version (a missing canary subset is added selecting it too),
 * the VirtualService is created or adopted, the weights are reset to 100/0 without the header
 * route, and only then does the canary subset select the canary's version. {@link #promote} is
 * {@code initialize(target with stable = canary = the canary's version)}: with all traffic on the
 * canary subset, the stable subset moves to the new version first (it carries no traffic yet), then
 * the weights move to it; every request stays on the new version's pods throughout. Each step
 * re-reads and is a no-op when done, so a crash between steps is repaired by running the call
 * again.
 *
 * <p>Construct with {@code new IstioVirtualServiceRouter(kubeCalls, apiClient, "version")}.
 */
public final class IstioVirtualServiceRouter implements TrafficRouter {

  private final KubeCalls kube;
  private final IstioResources virtualServices;
  private final IstioResources destinationRules;
  private final String versionLabel;

  /**
   * @param versionLabel the pod label whose value tells versions apart (Istio's convention: {@code
   *     version})
   */
  public IstioVirtualServiceRouter(KubeCalls kube, ApiClient client, String versionLabel) {
    this.kube = kube;
    this.virtualServices =
        new IstioResources(
            kube, client, "VirtualService", "virtualservices", VirtualServiceWeights::servesHost);
    this.destinationRules =
        new IstioResources(
            kube,
            client,
            "DestinationRule",
            "destinationrules",
            DestinationRuleSubsets::servesHost);
    this.versionLabel = versionLabel;
  }

  @Override
  public Future<Void> initialize(RouteTarget target) {
    return routeFailure(
        kube.retry(() -> stableSubset(target))
            .compose(done -> kube.retry(() -> ensureVirtualService(target)))
            .compose(done -> reset(target))
            .compose(done -> kube.retry(() -> bothSubsets(target))));
  }

  @Override
  public Future<Void> promote(RouteTarget target) {
    return initialize(
        new RouteTarget(
            target.namespace(),
            target.service(),
            target.canaryVersion(),
            target.canaryVersion(),
            target.darkCanaryHeader(),
            target.darkCanaryValue()));
  }

  @Override
  public Future<Void> setDarkCanary(RouteTarget target, boolean enabled) {
    String action = enabled ? "add dark-canary route" : "remove dark-canary route";
    return change(target, action, vs -> VirtualServiceHeaderRoute.set(vs, target, enabled));
  }

  @Override
  public Future<Void> setWeights(RouteTarget target, RouteWeights weights) {
    String action = "set weights stable=" + weights.stable() + " canary=" + weights.canary();
    return change(target, action, vs -> VirtualServiceWeights.setWeights(vs, target, weights));
  }

  @Override
  public Future<RouteState> read(RouteTarget target) {
    return routeFailure(
        kube.retry(() -> findVirtualService(target))
            .map(vs -> VirtualServiceWeights.read(vs, target)));
  }

  @Override
  public Future<Void> reset(RouteTarget target) {
    return applyReset(target)
        .compose(done -> driftAfterReset(target))
        .compose(drift -> drift == null ? Future.succeededFuture() : reapplyReset(target));
  }

  /** Something rewrote the route right after the reset (a GitOps sync, a person): once more. */
  private Future<Void> reapplyReset(RouteTarget target) {
    return applyReset(target)
        .compose(done -> driftAfterReset(target))
        .compose(
            drift ->
                drift == null
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(
                        VirtualServiceWeights.failure(
                            drift,
                            target,
                            "reset",
                            "still not reset after re-applying, left to undo: "
                                + resetPlan(drift, target))));
  }

  private Future<Void> applyReset(RouteTarget target) {
    return change(target, "reset to stable", vs -> resetPlan(vs, target));
  }

  /**
   * Reads the VirtualService back: null when the reset is in force (planning it again gives an
   * empty patch), otherwise the drifted object.
   */
  private Future<JsonObject> driftAfterReset(RouteTarget target) {
    return routeFailure(
        kube.retry(() -> findVirtualService(target))
            .map(vs -> resetPlan(vs, target).isEmpty() ? null : vs));
  }

  private static JsonPatch resetPlan(JsonObject vs, RouteTarget target) {
    return VirtualServiceWeights.setWeights(vs, target, RouteWeights.ALL_STABLE)
        .then(VirtualServiceHeaderRoute.set(vs, target, false));
  }

  private Future<Void> change(
      RouteTarget target, String action, Function<JsonObject, JsonPatch> plan) {
    return routeFailure(
        kube.retry(
            () ->
                findVirtualService(target).compose(vs -> applyPlanned(target, vs, action, plan))));
  }

  private Future<Void> applyPlanned(
      RouteTarget target, JsonObject vs, String action, Function<JsonObject, JsonPatch> plan) {
    JsonPatch patch = plan.apply(vs);
    if (patch.isEmpty()) {
      return Future.succeededFuture();
    }
    return virtualServices
        .patch(vs, action, patch)
        .recover(
            failure ->
                refused(failure)
                    ? findVirtualService(target)
                        .compose(now -> settled(now, target, action, plan, failure))
                    : Future.failedFuture(failure));
  }

  /**
   * After a refused patch: done if the wanted state is there (an earlier attempt landed), else a
   * failure naming the state found and the server's reason (normally a test op that no longer held
   * because another writer changed the route).
   */
  private Future<Void> settled(
      JsonObject now,
      RouteTarget target,
      String action,
      Function<JsonObject, JsonPatch> plan,
      Throwable refusal) {
    if (plan.apply(now).isEmpty()) {
      return Future.succeededFuture();
    }
    return Future.failedFuture(
        VirtualServiceWeights.failure(
            now,
            target,
            action,
            "changed concurrently by another writer (the server refused the patch: "
                + ((KubeApiException) refusal).reason()
                + "); now "
                + VirtualServiceWeights.read(now, target)));
  }

  /** A JSON Patch whose test op failed: 422 on kube-apiserver. */
  private static boolean refused(Throwable failure) {
    return failure instanceof KubeApiException api && api.code() == 422;
  }

  private Future<Void> ensureVirtualService(RouteTarget target) {
    return virtualServices
        .forHost(target)
        .compose(
            vs ->
                vs == null
                    ? virtualServices.create(VirtualServiceWeights.create(target))
                    : virtualServices.patch(vs, "adopt", VirtualServiceWeights.adopt(vs, target)));
  }

  /** Before any route changes: the stable subset selects the stable's version. */
  private Future<Void> stableSubset(RouteTarget target) {
    return destinationRules
        .forHost(target)
        .compose(
            rule ->
                rule == null
                    ? destinationRules.create(
                        DestinationRuleSubsets.createOnStable(target, versionLabel))
                    : destinationRules.patch(
                        rule,
                        "set stable subset",
                        DestinationRuleSubsets.patchStable(rule, target, versionLabel)));
  }

  /** Once the canary subset carries no traffic: it selects the canary's version. */
  private Future<Void> bothSubsets(RouteTarget target) {
    return destinationRules
        .forHost(target)
        .compose(
            rule ->
                rule == null
                    ? destinationRules.create(DestinationRuleSubsets.create(target, versionLabel))
                    : destinationRules.patch(
                        rule,
                        "set subsets",
                        DestinationRuleSubsets.patch(rule, target, versionLabel)));
  }

  private Future<JsonObject> findVirtualService(RouteTarget target) {
    return virtualServices.requireForHost(target);
  }

  private static <T> Future<T> routeFailure(Future<T> future) {
    return future.recover(
        failure ->
            Future.failedFuture(
                failure instanceof RouteUpdateException
                    ? failure
                    : new RouteUpdateException(failure.getMessage(), failure)));
  }
}
