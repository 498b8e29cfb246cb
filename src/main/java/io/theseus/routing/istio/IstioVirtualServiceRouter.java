package io.theseus.routing.istio;

import com.google.gson.JsonObject;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.theseus.kube.KubeApiException;
import io.theseus.kube.KubeCalls;
import io.theseus.kube.KubeRef;
import io.theseus.routing.RouteState;
import io.theseus.routing.RouteTarget;
import io.theseus.routing.RouteUpdateException;
import io.theseus.routing.RouteWeights;
import io.theseus.routing.TrafficRouter;
import io.vertx.core.Future;
import java.util.List;
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
 * <p>{@link #initialize} points the subsets at the target's versions before it resets the weights
 * to 100/0. Promotion therefore goes through it safely: with all traffic on the canary, {@code
 * initialize(target with stable = canary = the new version)} keeps every request on the new
 * version's pods, and the next rollout's {@code initialize} only relabels the canary subset, which
 * then carries no traffic.
 *
 * <p>Construct with {@code new IstioVirtualServiceRouter(kubeCalls, apiClient, "version")}.
 */
public final class IstioVirtualServiceRouter implements TrafficRouter {

  private final KubeCalls kube;
  private final DynamicKubernetesApi virtualServices;
  private final DynamicKubernetesApi destinationRules;
  private final String versionLabel;

  /**
   * @param versionLabel the pod label whose value tells versions apart (Istio's convention: {@code
   *     version})
   */
  public IstioVirtualServiceRouter(KubeCalls kube, ApiClient client, String versionLabel) {
    this.kube = kube;
    this.virtualServices =
        new DynamicKubernetesApi("networking.istio.io", "v1", "virtualservices", client);
    this.destinationRules =
        new DynamicKubernetesApi("networking.istio.io", "v1", "destinationrules", client);
    this.versionLabel = versionLabel;
  }

  @Override
  public Future<Void> initialize(RouteTarget target) {
    return routeFailure(
        kube.retry(() -> ensureDestinationRule(target))
            .compose(done -> kube.retry(() -> ensureVirtualService(target)))
            .compose(done -> reset(target)));
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
    return patch(virtualServices, ref("VirtualService", vs), action, patch)
        .recover(
            failure ->
                refused(failure)
                    ? findVirtualService(target).compose(now -> settled(now, target, action, plan))
                    : Future.failedFuture(failure));
  }

  private Future<Void> settled(
      JsonObject now, RouteTarget target, String action, Function<JsonObject, JsonPatch> plan) {
    if (plan.apply(now).isEmpty()) {
      return Future.succeededFuture();
    }
    return Future.failedFuture(
        VirtualServiceWeights.failure(
            now,
            target,
            action,
            "changed concurrently by another writer (test op refused); now "
                + VirtualServiceWeights.read(now, target)));
  }

  /** A JSON Patch whose test op failed: 422 on kube-apiserver. */
  private static boolean refused(Throwable failure) {
    return failure instanceof KubeApiException api && api.code() == 422;
  }

  private Future<Void> ensureVirtualService(RouteTarget target) {
    return list(virtualServices, "VirtualService", target)
        .compose(
            found -> single(found, "VirtualService", target, VirtualServiceWeights::servesHost))
        .compose(
            vs ->
                vs == null
                    ? create(
                        virtualServices, "VirtualService", VirtualServiceWeights.create(target))
                    : patch(
                        virtualServices,
                        ref("VirtualService", vs),
                        "adopt",
                        VirtualServiceWeights.adopt(vs, target)));
  }

  private Future<Void> ensureDestinationRule(RouteTarget target) {
    return list(destinationRules, "DestinationRule", target)
        .compose(
            found -> single(found, "DestinationRule", target, DestinationRuleSubsets::servesHost))
        .compose(
            rule ->
                rule == null
                    ? create(
                        destinationRules,
                        "DestinationRule",
                        DestinationRuleSubsets.create(target, versionLabel))
                    : patch(
                        destinationRules,
                        ref("DestinationRule", rule),
                        "set subsets",
                        DestinationRuleSubsets.patch(rule, target, versionLabel)));
  }

  private Future<JsonObject> findVirtualService(RouteTarget target) {
    return list(virtualServices, "VirtualService", target)
        .compose(
            found -> single(found, "VirtualService", target, VirtualServiceWeights::servesHost))
        .compose(
            vs ->
                vs != null
                    ? Future.succeededFuture(vs)
                    : Future.failedFuture(
                        new RouteUpdateException(
                            hostRef("VirtualService", target)
                                + ": read failed: no VirtualService routes this host (initialize"
                                + " the rollout's routing first)")));
  }

  private interface HostFilter {
    boolean serves(JsonObject object, RouteTarget target);
  }

  /** The one object serving the host, null when there is none, a failure when ambiguous. */
  private static Future<JsonObject> single(
      List<JsonObject> objects, String kind, RouteTarget target, HostFilter filter) {
    List<JsonObject> serving = objects.stream().filter(o -> filter.serves(o, target)).toList();
    if (serving.size() > 1) {
      List<String> names = serving.stream().map(IstioObjects::name).toList();
      return Future.failedFuture(
          new RouteUpdateException(
              hostRef(kind, target)
                  + ": adopt failed: "
                  + names
                  + " all route this host;"
                  + " merge them into one"));
    }
    return Future.succeededFuture(serving.isEmpty() ? null : serving.get(0));
  }

  private Future<List<JsonObject>> list(DynamicKubernetesApi api, String kind, RouteTarget target) {
    return kube.request(hostRef(kind, target), "list", () -> api.list(target.namespace()))
        .map(list -> list.getItems().stream().map(DynamicKubernetesObject::getRaw).toList());
  }

  private Future<Void> create(DynamicKubernetesApi api, String kind, JsonObject object) {
    return kube.request(
            ref(kind, object), "create", () -> api.create(new DynamicKubernetesObject(object)))
        .mapEmpty();
  }

  private Future<Void> patch(
      DynamicKubernetesApi api, KubeRef ref, String action, JsonPatch patch) {
    if (patch.isEmpty()) {
      return Future.succeededFuture();
    }
    String body = patch.toString();
    return kube.request(
            ref,
            action,
            () ->
                api.patch(
                    ref.namespace(),
                    ref.name(),
                    V1Patch.PATCH_FORMAT_JSON_PATCH,
                    new V1Patch(body)))
        .mapEmpty();
  }

  private static KubeRef ref(String kind, JsonObject object) {
    String namespace = IstioObjects.string(object.getAsJsonObject("metadata"), "namespace");
    return new KubeRef(kind, namespace, IstioObjects.name(object));
  }

  private static KubeRef hostRef(String kind, RouteTarget target) {
    return new KubeRef(kind, target.namespace(), "(host " + target.service() + ")");
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
