package io.theseus.kube;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.theseus.rollout.CanaryRef;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * CanaryRollout custom resources (theseus.io/v1alpha1): read, write the status subresource, and
 * remove handled annotations ({@link CanaryRolloutInformer} watches them). A status write re-reads
 * the object, computes the new status from it and replaces the status with the read
 * resourceVersion; a 409 (someone wrote in between), a 5xx or no response repeats the whole
 * sequence ({@link KubeCalls#retry}), so a write is computed from what the server holds and never
 * applied on top of a stale read.
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

  /** Reads one CanaryRollout; empty when it does not exist. */
  public Future<Optional<CanaryRolloutResource>> read(CanaryRef ref) {
    return read(ref, found -> found);
  }

  /**
   * Reads one CanaryRollout and maps it on the worker pool (for CPU work such as decoding its
   * status); the mapper gets empty when the resource does not exist, and what it throws fails the
   * future as is.
   */
  public <T> Future<T> read(CanaryRef ref, Function<Optional<CanaryRolloutResource>, T> mapper) {
    KubeRef kubeRef = kubeRef(ref);
    return kube.retry(() -> kube.call(kubeRef, "read", () -> readBlocking(ref)))
        .compose(found -> kube.call(kubeRef, "decode", () -> mapper.apply(found)))
        .recover(failure -> Future.failedFuture(unwrap(failure)));
  }

  private Optional<CanaryRolloutResource> readBlocking(CanaryRef ref) {
    var response = api.get(ref.namespace(), ref.name());
    if (response.getHttpStatusCode() == 404) {
      return Optional.empty();
    }
    if (!response.isSuccess()) {
      throw KubeFailures.fromStatus(
          kubeRef(ref), "read", response.getHttpStatusCode(), response.getStatus());
    }
    return Optional.of(resource(response.getObject()));
  }

  /** A mapper's own exception comes back as the CLIENT_ERROR cause; hand it back unchanged. */
  private static Throwable unwrap(Throwable failure) {
    return failure instanceof KubeApiException e
            && e.code() == KubeApiException.CLIENT_ERROR
            && e.getCause() != null
        ? e.getCause()
        : failure;
  }

  /**
   * Replaces the status subresource with {@code next(current resource)}; skips the write when the
   * status would not change.
   *
   * @return the status now on the server; fails with {@link KubeApiException} (404 when the
   *     resource is gone) after the retries, or with what {@code next} threw (not retried: it
   *     refuses the write)
   */
  public Future<JsonObject> updateStatus(
      CanaryRef ref, Function<CanaryRolloutResource, JsonObject> next) {
    KubeRef kubeRef = kubeRef(ref);
    return kube.retry(
            () ->
                kube.request(kubeRef, "read", () -> api.get(ref.namespace(), ref.name()))
                    .compose(current -> replaceStatus(kubeRef, current, next)))
        .recover(failure -> Future.failedFuture(unwrap(failure)));
  }

  /**
   * Computes the new status and replaces it in one worker call: the mapping (JSON encoding of the
   * judge's state) is CPU work that must not hold the event loop. The replace carries the read
   * resourceVersion, so a concurrent write is a 409, never lost.
   */
  private Future<JsonObject> replaceStatus(
      KubeRef ref,
      DynamicKubernetesObject current,
      Function<CanaryRolloutResource, JsonObject> next) {
    return kube.call(ref, "write status", () -> replaceStatusBlocking(current, next));
  }

  private JsonObject replaceStatusBlocking(
      DynamicKubernetesObject current, Function<CanaryRolloutResource, JsonObject> next)
      throws ApiException {
    CanaryRolloutResource before = resource(current);
    JsonObject status = next.apply(before);
    if (status.equals(before.status())) {
      return status;
    }
    JsonObject body = current.getRaw().deepCopy();
    body.add("status", status);
    CanaryRef ref = before.ref();
    custom
        .replaceNamespacedCustomObjectStatus(
            GROUP, VERSION, ref.namespace(), PLURAL, ref.name(), body)
        .execute();
    return status;
  }

  /**
   * Removes annotations from a CanaryRollout with one JSON Patch that first tests each on the value
   * it had when read, so an annotation someone changed in between is never removed unseen.
   *
   * @param seen the annotations to remove, with the values they were read with
   * @return done when removed; fails with {@link KubeApiException}: 422 when one of them no longer
   *     has its value (changed or already removed), 404 when the resource is gone
   */
  public Future<Void> removeAnnotations(CanaryRef ref, Map<String, String> seen) {
    KubeRef kubeRef = kubeRef(ref);
    V1Patch patch = new V1Patch(removal(seen).toString());
    return kube.retry(
            () ->
                kube.request(
                    kubeRef,
                    "remove annotations " + seen.keySet(),
                    () ->
                        api.patch(
                            ref.namespace(), ref.name(), V1Patch.PATCH_FORMAT_JSON_PATCH, patch)))
        .mapEmpty();
  }

  /** A test op on each annotation's value followed by its removal, in key order. */
  private static JsonArray removal(Map<String, String> seen) {
    JsonArray ops = new JsonArray();
    new TreeMap<>(seen)
        .forEach(
            (key, value) -> {
              String path = "/metadata/annotations/" + key.replace("~", "~0").replace("/", "~1");
              JsonObject test = op("test", path);
              test.addProperty("value", value);
              ops.add(test);
              ops.add(op("remove", path));
            });
    return ops;
  }

  private static JsonObject op(String name, String path) {
    JsonObject op = new JsonObject();
    op.addProperty("op", name);
    op.addProperty("path", path);
    return op;
  }

  private static KubeRef kubeRef(CanaryRef ref) {
    return new KubeRef("CanaryRollout", ref.namespace(), ref.name());
  }

  /** The record of a CanaryRollout as client-java returns it (also for the informer's cache). */
  static CanaryRolloutResource resource(DynamicKubernetesObject o) {
    JsonObject raw = o.getRaw();
    var meta = o.getMetadata();
    return new CanaryRolloutResource(
        new CanaryRef(meta.getNamespace(), meta.getName()),
        meta.getUid(),
        meta.getGeneration() == null ? 0 : meta.getGeneration(),
        meta.getCreationTimestamp() == null
            ? Instant.EPOCH
            : meta.getCreationTimestamp().toInstant(),
        meta.getResourceVersion(),
        object(raw, "spec"),
        object(raw, "status"),
        meta.getAnnotations() == null ? Map.of() : meta.getAnnotations(),
        annotationManagers(raw));
  }

  /**
   * Which field manager last set each annotation, from metadata.managedFields: an Update makes its
   * manager the field's only owner; should two entries name one annotation (server-side apply
   * co-owners), the later one is taken.
   */
  private static Map<String, String> annotationManagers(JsonObject raw) {
    Map<String, String> managers = new HashMap<>();
    JsonObject meta = object(raw, "metadata");
    if (!meta.has("managedFields") || !meta.get("managedFields").isJsonArray()) {
      return managers;
    }
    for (JsonElement entry : meta.getAsJsonArray("managedFields")) {
      JsonObject fields = entry.isJsonObject() ? entry.getAsJsonObject() : new JsonObject();
      JsonObject owned = object(object(object(fields, "fieldsV1"), "f:metadata"), "f:annotations");
      String manager = fields.has("manager") ? fields.get("manager").getAsString() : null;
      if (manager != null) {
        owned.keySet().stream()
            .filter(field -> field.startsWith("f:"))
            .forEach(field -> managers.put(field.substring(2), manager));
      }
    }
    return managers;
  }

  private static JsonObject object(JsonObject raw, String field) {
    return raw.has(field) && raw.get(field).isJsonObject()
        ? raw.getAsJsonObject(field).deepCopy()
        : new JsonObject();
  }
}
