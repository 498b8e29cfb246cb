package io.theseus.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentList;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1DeploymentStatus;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import java.util.Map;

/** Deployments of a sample app on the test API server: 3 replicas, all ready. */
final class SampleDeployments {

  private SampleDeployments() {}

  static GenericKubernetesApi<V1Deployment, V1DeploymentList> api(ApiClient client) {
    return new GenericKubernetesApi<>(
        V1Deployment.class, V1DeploymentList.class, "apps", "v1", "deployments", client);
  }

  /**
   * Creates Deployment {@code namespace/name} whose pods carry {@code version=<version>} (no
   * version label when {@code version} is null).
   */
  static void create(ApiClient client, String namespace, String name, String version) {
    String app = name.replaceAll("-v\\d+$", "");
    var labels = version == null ? Map.of("app", app) : Map.of("app", app, "version", version);
    createLabelled(client, namespace, name, labels);
  }

  /** Creates Deployment {@code namespace/name} whose pods carry {@code labels}. */
  static void createLabelled(
      ApiClient client, String namespace, String name, Map<String, String> labels) {
    String version = labels.get("version");
    var d =
        new V1Deployment()
            .apiVersion("apps/v1")
            .kind("Deployment")
            .metadata(new V1ObjectMeta().name(name).namespace(namespace).labels(labels))
            .spec(
                new V1DeploymentSpec()
                    .replicas(3)
                    .selector(new V1LabelSelector().matchLabels(labels))
                    .template(
                        new V1PodTemplateSpec()
                            .metadata(new V1ObjectMeta().labels(labels))
                            .spec(
                                new V1PodSpec()
                                    .addContainersItem(
                                        new V1Container()
                                            .name("app")
                                            .image(
                                                name
                                                    + ":"
                                                    + (version == null ? "latest" : version))))))
            .status(new V1DeploymentStatus().replicas(3).readyReplicas(3));
    assertThat(api(client).create(d).isSuccess()).as("create %s", name).isTrue();
  }

  /**
   * Sets Deployment {@code namespace/name}'s {@code spec.replicas}; its ready replicas stay as they
   * were (nothing runs pods here), so more than 3 leaves it unavailable, as a rollout would.
   */
  static void scale(ApiClient client, String namespace, String name, int replicas) {
    var patch =
        new V1Patch(
            "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":" + replicas + "}]");
    assertThat(
            api(client).patch(namespace, name, V1Patch.PATCH_FORMAT_JSON_PATCH, patch).isSuccess())
        .as("scale %s to %d", name, replicas)
        .isTrue();
  }
}
