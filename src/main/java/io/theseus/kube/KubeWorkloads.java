package io.theseus.kube;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentList;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.theseus.workload.WorkloadRef;
import io.theseus.workload.WorkloadState;
import io.theseus.workload.Workloads;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link Workloads} on apps/v1 Deployments. Replicas are set with a JSON Patch on {@code
 * spec.replicas}; the revision is a hash of the pod template, so a backup taken before a rollout
 * tells whether the stable Deployment was changed behind Theseus's back. Every call is retried on
 * conflicts and transient faults and is idempotent: removing a missing Deployment succeeds.
 *
 * <p>Construct with {@code new KubeWorkloads(kubeCalls, apiClient, Cleanup.DELETE)} (or {@code
 * Cleanup.parse(spec.cleanup)}).
 */
public final class KubeWorkloads implements Workloads {

  /** What {@link #remove} does to a Deployment that is no longer needed. */
  public enum Cleanup {
    /** Delete the Deployment. */
    DELETE,
    /** Keep the Deployment at 0 replicas (for a quick manual roll back). */
    SCALE_TO_ZERO;

    /** Parses {@code delete} or {@code scale-to-zero}, naming the field when it is neither. */
    public static Cleanup parse(String value) {
      return switch (value) {
        case "delete" -> DELETE;
        case "scale-to-zero" -> SCALE_TO_ZERO;
        default ->
            throw new IllegalArgumentException(
                "spec.cleanup: '" + value + "' is not allowed (delete, scale-to-zero)");
      };
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final KubeCalls kube;
  private final GenericKubernetesApi<V1Deployment, V1DeploymentList> deployments;
  private final Cleanup cleanup;

  public KubeWorkloads(KubeCalls kube, ApiClient client, Cleanup cleanup) {
    this.kube = kube;
    this.deployments =
        new GenericKubernetesApi<>(
            V1Deployment.class, V1DeploymentList.class, "apps", "v1", "deployments", client);
    this.cleanup = cleanup;
  }

  @Override
  public Future<WorkloadState> read(WorkloadRef ref) {
    return kube.retry(
        () ->
            kube.request(
                    deployment(ref), "read", () -> deployments.get(ref.namespace(), ref.name()))
                .map(KubeWorkloads::state)
                .recover(absentIfNotFound(WorkloadState.ABSENT)));
  }

  /**
   * The pod template labels (what their pods carry) of every Deployment in {@code namespace}: one
   * list call.
   *
   * @return Deployment name to its pod template labels; empty when there is none
   */
  public Future<Map<String, Map<String, String>>> templateLabels(String namespace) {
    return kube.retry(
        () ->
            kube.request(
                    new KubeRef("Deployment", namespace, "*"),
                    "list",
                    () -> deployments.list(namespace))
                .map(KubeWorkloads::templateLabels));
  }

  private static Map<String, Map<String, String>> templateLabels(V1DeploymentList list) {
    Map<String, Map<String, String>> labels = new TreeMap<>();
    list.getItems().forEach(d -> labels.put(d.getMetadata().getName(), templateLabels(d)));
    return labels;
  }

  private static Map<String, String> templateLabels(V1Deployment deployment) {
    var template = deployment.getSpec() == null ? null : deployment.getSpec().getTemplate();
    var labels =
        template == null || template.getMetadata() == null
            ? null
            : template.getMetadata().getLabels();
    return labels == null ? Map.of() : Map.copyOf(labels);
  }

  @Override
  public Future<Void> scale(WorkloadRef ref, int replicas) {
    if (replicas < 0) {
      return Future.failedFuture(
          new IllegalArgumentException("replicas: " + replicas + " is not allowed (>= 0)"));
    }
    // "add" sets the member whether or not the Deployment spelled out spec.replicas.
    var patch =
        new V1Patch("[{\"op\":\"add\",\"path\":\"/spec/replicas\",\"value\":" + replicas + "}]");
    return kube.retry(
            () ->
                kube.request(
                    deployment(ref),
                    "scale to " + replicas,
                    () ->
                        deployments.patch(
                            ref.namespace(), ref.name(), V1Patch.PATCH_FORMAT_JSON_PATCH, patch)))
        .mapEmpty();
  }

  @Override
  public Future<Void> remove(WorkloadRef ref) {
    Future<Void> removed =
        cleanup == Cleanup.DELETE
            ? kube.retry(
                    () ->
                        kube.request(
                            deployment(ref),
                            "delete",
                            () -> deployments.delete(ref.namespace(), ref.name())))
                .mapEmpty()
            : scale(ref, 0);
    return removed.recover(absentIfNotFound(null));
  }

  /** The revision recorded for a Deployment: a hash of its pod template. */
  static String templateHash(V1Deployment deployment) {
    String template = JSON.serialize(deployment.getSpec().getTemplate());
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(template.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  private static WorkloadState state(V1Deployment deployment) {
    Integer replicas = deployment.getSpec().getReplicas();
    Integer ready =
        deployment.getStatus() == null ? null : deployment.getStatus().getReadyReplicas();
    return new WorkloadState(
        true,
        replicas == null ? 1 : replicas, // the API server's default
        ready == null ? 0 : ready,
        templateHash(deployment));
  }

  private static <T> java.util.function.Function<Throwable, Future<T>> absentIfNotFound(T absent) {
    return failure ->
        failure instanceof KubeApiException api && api.notFound()
            ? Future.succeededFuture(absent)
            : Future.failedFuture(failure);
  }

  private static KubeRef deployment(WorkloadRef ref) {
    return new KubeRef("Deployment", ref.namespace(), ref.name());
  }
}
