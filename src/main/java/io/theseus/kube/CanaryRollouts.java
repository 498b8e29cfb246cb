package io.theseus.kube;

import com.google.gson.JsonObject;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesListObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.theseus.rollout.CanaryRef;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * CanaryRollout custom resources (theseus.io/v1alpha1): list, read, and write the status
 * subresource. A status write re-reads the object, computes the new status from it and replaces the
 * status with the read resourceVersion; a 409 (someone wrote in between), a 5xx or no response
 * repeats the whole sequence ({@link KubeCalls#retry}), so a write is computed from what the server
 * holds and never applied on top of a stale read.
 *
 * <p>Construct with {@code new CanaryRollouts(kubeCalls, apiClient)}.
 */
public final class CanaryRollouts {

  /** The API group. */
  public static final String GROUP = "theseus.io";

  /** The served version. */
  public static final String VERSION = "v1alpha1";

  private static final String PLURAL = "canaryrollouts";

  /** {@code theseus.io/v1alpha1}. */
  public static final String API_VERSION = GROUP + "/" + VERSION;

  private final KubeCalls kube;
  private final DynamicKubernetesApi api;
  private final CustomObjectsApi custom;

  public CanaryRollouts(KubeCalls kube, ApiClient client) {
    this.kube = kube;
    this.api = new DynamicKubernetesApi(GROUP, VERSION, PLURAL, client);
    this.custom = new CustomObjectsApi(client);
  }

  /**
   * Lists the CanaryRollouts of {@code namespaces} (every namespace when empty).
   *
   * @return every resource found, ordered as the server returned them; fails with {@link
   *     KubeApiException}
   */
  public Future<List<CanaryRolloutResource>> list(List<String> namespaces) {
    if (namespaces.isEmpty()) {
      return listIn(null);
    }
    List<Future<List<CanaryRolloutResource>>> each = new ArrayList<>();
    namespaces.forEach(ns -> each.add(listIn(ns)));
    return Future.all(each)
        .map(
            all -> {
              List<CanaryRolloutResource> merged = new ArrayList<>();
              all.<List<CanaryRolloutResource>>list().forEach(merged::addAll);
              return merged;
            });
  }

  private Future<List<CanaryRolloutResource>> listIn(String namespace) {
    KubeRef ref = new KubeRef("CanaryRollout", namespace == null ? "*" : namespace, "*");
    return kube.retry(
            () ->
                kube.<DynamicKubernetesListObject>request(
                    ref, "list", () -> namespace == null ? api.list() : api.list(namespace)))
        .map(list -> list.getItems().stream().map(CanaryRollouts::resource).toList());
  }

  /** Reads one CanaryRollout; empty when it does not exist. */
  public Future<Optional<CanaryRolloutResource>> read(CanaryRef ref) {
    KubeRef kubeRef = kubeRef(ref);
    return kube.retry(
            () -> kube.request(kubeRef, "read", () -> api.get(ref.namespace(), ref.name())))
        .map(found -> Optional.of(resource(found)))
        .recover(
            failure ->
                failure instanceof KubeApiException e && e.notFound()
                    ? Future.succeededFuture(Optional.empty())
                    : Future.failedFuture(failure));
  }

  /**
   * Replaces the status subresource with {@code next(current resource)}; skips the write when the
   * status would not change.
   *
   * @return the status now on the server; fails with {@link KubeApiException} (404 when the
   *     resource is gone) after the retries
   */
  public Future<JsonObject> updateStatus(
      CanaryRef ref, Function<CanaryRolloutResource, JsonObject> next) {
    KubeRef kubeRef = kubeRef(ref);
    return kube.retry(
        () ->
            kube.request(kubeRef, "read", () -> api.get(ref.namespace(), ref.name()))
                .compose(current -> replaceStatus(kubeRef, current, next)));
  }

  private Future<JsonObject> replaceStatus(
      KubeRef ref,
      DynamicKubernetesObject current,
      Function<CanaryRolloutResource, JsonObject> next) {
    CanaryRolloutResource before = resource(current);
    JsonObject status = next.apply(before);
    if (status.equals(before.status())) {
      return Future.succeededFuture(status);
    }
    JsonObject body = current.getRaw().deepCopy();
    body.add("status", status);
    // A replace carries the read resourceVersion, so a concurrent write is a 409, never lost.
    return kube.call(ref, "write status", () -> replaceStatusBlocking(before.ref(), body))
        .map(written -> status);
  }

  private Object replaceStatusBlocking(CanaryRef ref, JsonObject body) throws ApiException {
    return custom
        .replaceNamespacedCustomObjectStatus(
            GROUP, VERSION, ref.namespace(), PLURAL, ref.name(), body)
        .execute();
  }

  private static KubeRef kubeRef(CanaryRef ref) {
    return new KubeRef("CanaryRollout", ref.namespace(), ref.name());
  }

  private static CanaryRolloutResource resource(DynamicKubernetesObject o) {
    JsonObject raw = o.getRaw();
    var meta = o.getMetadata();
    return new CanaryRolloutResource(
        new CanaryRef(meta.getNamespace(), meta.getName()),
        meta.getUid(),
        meta.getGeneration() == null ? 0 : meta.getGeneration(),
        object(raw, "spec"),
        object(raw, "status"));
  }

  private static JsonObject object(JsonObject raw, String field) {
    return raw.has(field) && raw.get(field).isJsonObject()
        ? raw.getAsJsonObject(field).deepCopy()
        : new JsonObject();
  }
}
