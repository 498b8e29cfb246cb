package io.theseus.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.theseus.kube.KubeWorkloads.Cleanup;
import io.theseus.workload.WorkloadRef;
import io.theseus.workload.WorkloadState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KubeWorkloadsIT {

  private static final WorkloadRef STABLE = new WorkloadRef("shop", "checkout-v1");

  @RegisterExtension
  final KubeRig rig = new KubeRig(KubeRig.quickRetries(3, Duration.ofMillis(50)));

  private GenericKubernetesApi<V1Deployment, V1DeploymentList> deployments;

  @BeforeEach
  void start() {
    deployments =
        new GenericKubernetesApi<>(
            V1Deployment.class,
            V1DeploymentList.class,
            "apps",
            "v1",
            "deployments",
            rig.server.client());
  }

  @Test
  void readsReplicasReadinessAndATemplateHashThatChangesWithTheTemplate() {
    create(deployment("checkout-v1", "shop/checkout:1.0", 3, 2));
    create(deployment("checkout-v1-copy", "shop/checkout:1.0", 3, 3));
    create(deployment("checkout-v2", "shop/checkout:2.0", 3, 3));
    var workloads = workloads(Cleanup.DELETE);

    WorkloadState v1 = rig.loop.await(() -> workloads.read(STABLE));
    WorkloadState copy =
        rig.loop.await(() -> workloads.read(new WorkloadRef("shop", "checkout-v1-copy")));
    WorkloadState v2 = rig.loop.await(() -> workloads.read(new WorkloadRef("shop", "checkout-v2")));

    assertThat(v1.exists()).isTrue();
    assertThat(v1.replicas()).isEqualTo(3);
    assertThat(v1.readyReplicas()).isEqualTo(2);
    assertThat(v1.available()).isFalse();
    assertThat(v1.revision()).hasSize(16).isEqualTo(copy.revision()).isNotEqualTo(v2.revision());
  }

  @Test
  void listsThePodTemplateLabelsOfEveryDeploymentInTheNamespaceOnly() {
    create(deployment("checkout-v1", "shop/checkout:1.0", 3, 3));
    create(deployment("checkout-v2", "shop/checkout:2.0", 1, 1));
    var workloads = workloads(Cleanup.DELETE);

    assertThat(rig.loop.await(() -> workloads.templateLabels("shop")))
        .isEqualTo(
            Map.of(
                "checkout-v1",
                Map.of("app", "checkout"),
                "checkout-v2",
                Map.of("app", "checkout")));
    assertThat(rig.loop.await(() -> workloads.templateLabels("elsewhere"))).isEmpty();
  }

  @Test
  void readsAMissingDeploymentAsAbsent() {
    assertThat(rig.loop.await(() -> workloads(Cleanup.DELETE).read(STABLE)))
        .isEqualTo(WorkloadState.ABSENT);
  }

  @Test
  void scalesSpecReplicasAndRetriesAServerErrorOnce() {
    create(deployment("checkout-v1", "shop/checkout:1.0", 3, 3));
    rig.server.failNext("PATCH", "deployments/checkout-v1", 503, false, 1);

    rig.loop.await(() -> workloads(Cleanup.DELETE).scale(STABLE, 5));

    assertThat(replicasOnServer("checkout-v1")).isEqualTo(5);
    assertThat(rig.server.patchCount()).isEqualTo(1);
  }

  @Test
  void scalingAMissingDeploymentFailsNamingIt() {
    Throwable failure = rig.loop.failure(() -> workloads(Cleanup.DELETE).scale(STABLE, 2));

    assertThat(failure)
        .isInstanceOf(KubeApiException.class)
        .hasMessageStartingWith("Deployment shop/checkout-v1: scale to 2 failed: HTTP 404");
  }

  @Test
  void removeDeletesTheDeploymentAndSucceedsWhenItIsGone() {
    create(deployment("checkout-v1", "shop/checkout:1.0", 3, 3));
    var workloads = workloads(Cleanup.DELETE);

    rig.loop.await(() -> workloads.remove(STABLE));
    rig.loop.await(() -> workloads.remove(STABLE));

    assertThat(deployments.get("shop", "checkout-v1").getHttpStatusCode()).isEqualTo(404);
  }

  @Test
  void removeScalesToZeroKeepingTheDeploymentUnderThatPolicy() {
    create(deployment("checkout-v1", "shop/checkout:1.0", 3, 3));

    rig.loop.await(() -> workloads(Cleanup.SCALE_TO_ZERO).remove(STABLE));

    assertThat(replicasOnServer("checkout-v1")).isZero();
  }

  @Test
  void cleanupPolicyParsesTheCrValuesAndNamesTheFieldOtherwise() {
    assertThat(Cleanup.parse("delete")).isEqualTo(Cleanup.DELETE);
    assertThat(Cleanup.parse("scale-to-zero")).isEqualTo(Cleanup.SCALE_TO_ZERO);
    assertThatThrownBy(() -> Cleanup.parse("archive"))
        .hasMessage("spec.cleanup: 'archive' is not allowed (delete, scale-to-zero)");
  }

  private KubeWorkloads workloads(Cleanup cleanup) {
    return new KubeWorkloads(rig.kube, rig.server.client(), cleanup);
  }

  private int replicasOnServer(String name) {
    return deployments.get("shop", name).getObject().getSpec().getReplicas();
  }

  private void create(V1Deployment deployment) {
    var response = deployments.create(deployment);
    assertThat(response.isSuccess()).as("create %s: %s", deployment, response.getStatus()).isTrue();
  }

  private static V1Deployment deployment(String name, String image, int replicas, int ready) {
    Map<String, String> labels = Map.of("app", "checkout", "version", name);
    return new V1Deployment()
        .apiVersion("apps/v1")
        .kind("Deployment")
        .metadata(new V1ObjectMeta().name(name).namespace("shop"))
        .spec(
            new V1DeploymentSpec()
                .replicas(replicas)
                .selector(new V1LabelSelector().matchLabels(labels))
                .template(
                    new V1PodTemplateSpec()
                        .metadata(new V1ObjectMeta().labels(Map.of("app", "checkout")))
                        .spec(
                            new V1PodSpec()
                                .addContainersItem(new V1Container().name("app").image(image)))))
        .status(new V1DeploymentStatus().replicas(replicas).readyReplicas(ready));
  }
}
