package io.theseus.routing.istio;

import com.google.gson.JsonObject;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.theseus.kube.KubeCalls;
import io.theseus.kube.KubeRef;
import io.theseus.routing.RouteTarget;
import io.theseus.routing.RouteUpdateException;
import io.vertx.core.Future;
import java.util.List;

/**
 * The networking.istio.io/v1 objects of one kind, as raw JSON: finds the one routing a host,
 * creates and JSON-patches them, each call through {@link KubeCalls}.
 */
final class IstioResources {

  /** Whether an object of this kind routes the target's host. */
  interface HostFilter {
    boolean serves(JsonObject object, RouteTarget target);
  }

  private final KubeCalls kube;
  private final DynamicKubernetesApi api;
  private final String kind;
  private final HostFilter filter;

  IstioResources(KubeCalls kube, ApiClient client, String kind, String plural, HostFilter filter) {
    this.kube = kube;
    this.api = new DynamicKubernetesApi("networking.istio.io", "v1", plural, client);
    this.kind = kind;
    this.filter = filter;
  }

  /** The one object routing the host, null when there is none, a failure when ambiguous. */
  Future<JsonObject> forHost(RouteTarget target) {
    return kube.request(hostRef(target), "list", () -> api.list(target.namespace()))
        .map(list -> list.getItems().stream().map(DynamicKubernetesObject::getRaw).toList())
        .compose(objects -> single(objects, target));
  }

  /** Like {@link #forHost} but fails, naming the host, when there is none. */
  Future<JsonObject> requireForHost(RouteTarget target) {
    return forHost(target)
        .compose(
            found ->
                found != null
                    ? Future.succeededFuture(found)
                    : Future.failedFuture(
                        new RouteUpdateException(
                            hostRef(target)
                                + ": read failed: no "
                                + kind
                                + " routes this host (initialize the rollout's routing first)")));
  }

  Future<Void> create(JsonObject object) {
    return kube.request(
            ref(object), "create", () -> api.create(new DynamicKubernetesObject(object)))
        .mapEmpty();
  }

  /** Applies {@code patch} to {@code object}; nothing is sent when it is empty. */
  Future<Void> patch(JsonObject object, String action, JsonPatch patch) {
    if (patch.isEmpty()) {
      return Future.succeededFuture();
    }
    KubeRef ref = ref(object);
    var body = new V1Patch(patch.toString());
    return kube.request(
            ref,
            action,
            () -> api.patch(ref.namespace(), ref.name(), V1Patch.PATCH_FORMAT_JSON_PATCH, body))
        .mapEmpty();
  }

  private Future<JsonObject> single(List<JsonObject> objects, RouteTarget target) {
    List<JsonObject> serving = objects.stream().filter(o -> filter.serves(o, target)).toList();
    if (serving.size() > 1) {
      List<String> names = serving.stream().map(IstioObjects::name).toList();
      return Future.failedFuture(
          new RouteUpdateException(
              hostRef(target) + ": adopt failed: " + names + " all route this host; merge them"));
    }
    return Future.succeededFuture(serving.isEmpty() ? null : serving.get(0));
  }

  private KubeRef ref(JsonObject object) {
    String namespace = IstioObjects.string(object.getAsJsonObject("metadata"), "namespace");
    return new KubeRef(kind, namespace, IstioObjects.name(object));
  }

  private KubeRef hostRef(RouteTarget target) {
    return new KubeRef(kind, target.namespace(), "(host " + target.service() + ")");
  }
}
