package io.theseus.daemon;

import static io.theseus.daemon.ClusterRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceList;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.theseus.config.TheseusConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A CanaryRollout that names only Deployments gets its versions from their pod templates' {@code
 * spec.versionLabel} label; one that names only versions gets the Deployments whose pods carry them
 * and match the Service's selector. When that cannot be found, the status names the field, and the
 * rollout starts once the Deployment appears.
 */
class DaemonVersionsIT {

  private final ClusterRig cluster = new ClusterRig();

  @AfterEach
  void close() throws Exception {
    cluster.close();
  }

  @Test
  void readsTheVersionsASpecOmitsFromTheDeploymentsAndPromotes() {
    try (var daemon = cluster.start("theseus-a", Map.of())) {
      cluster.canaryRollout(withCanary("shop-v2"));
      await("Succeeded", Duration.ofSeconds(60), () -> cluster.phase().equals("Succeeded"));

      assertThat(cluster.mesh.weights()).containsExactly(0, 1, 20, 50, 100);
      assertThat(cluster.status().get("reason").getAsString()).contains("promoted v2");
    }
  }

  @Test
  void namesTheVersionFieldWhenTheCanaryPodTemplateLacksTheLabel() {
    SampleDeployments.create(cluster.admin, ClusterRig.NS, "shop-v3", null);
    try (var daemon = cluster.start("theseus-a", Map.of())) {
      cluster.canaryRollout(withCanary("shop-v3"));
      await("Failed", Duration.ofSeconds(20), () -> cluster.phase().equals("Failed"));

      assertThat(cluster.status().get("reason").getAsString())
          .contains("spec.canary.version")
          .contains("shop/shop-v3 has no label 'version'")
          .doesNotContain("must not be blank")
          .doesNotContain("Exception");
      assertThat(cluster.mesh.reads()).isZero(); // nothing was routed
    }
  }

  @Test
  void startsOnceTheMissingCanaryDeploymentIsCreated() {
    // Creating a Deployment is no CanaryRollout event: the periodic pass picks it up.
    try (var daemon = cluster.start("theseus-a", Map.of(TheseusConfig.RESYNC_PERIOD, "1s"))) {
      cluster.canaryRollout(withCanary("shop-v4"));
      await("Failed", Duration.ofSeconds(20), () -> cluster.phase().equals("Failed"));
      assertThat(cluster.status().get("reason").getAsString())
          .contains("spec.canary.version")
          .contains("shop/shop-v4 does not exist");

      SampleDeployments.create(cluster.admin, ClusterRig.NS, "shop-v4", "v4");
      await("Succeeded", Duration.ofSeconds(60), () -> cluster.phase().equals("Succeeded"));
      assertThat(cluster.status().get("reason").getAsString()).contains("promoted v4");
      assertThat(cluster.mesh.weights()).containsExactly(0, 1, 20, 50, 100);
    }
  }

  @Test
  void aNewDaemonKeepsAFinishedRolloutWhoseStableDeploymentWasCleanedUp() {
    JsonObject spec = withCanary("shop-v2");
    spec.addProperty("cleanup", "delete");
    try (var first = cluster.start("theseus-a", Map.of())) {
      cluster.canaryRollout(spec);
      await("Succeeded", Duration.ofSeconds(60), () -> cluster.phase().equals("Succeeded"));
    }
    assertThat(cluster.deployments.get(ClusterRig.NS, "shop-v1").getHttpStatusCode())
        .isEqualTo(404);

    try (var second = cluster.start("theseus-b", Map.of())) {
      await(
          "the finished rollout served",
          Duration.ofSeconds(10),
          () -> !second.daemon.supervisor().rollouts().isEmpty());

      var view = second.daemon.supervisor().rollouts().get(0);
      assertThat(view.spec().stable().version()).as("from status.resolved").isEqualTo("v1");
      assertThat(view.spec().canary().version()).isEqualTo("v2");
      assertThat(cluster.phase()).isEqualTo("Succeeded");
      assertThat(cluster.specValid().get("status").getAsString()).isEqualTo("True");
    }
  }

  @Test
  void findsTheDeploymentsOfASpecNamingOnlyVersionsAndPromotes() {
    service(Map.of("app", "shop"));
    SampleDeployments.create(cluster.admin, ClusterRig.NS, "cart-v2", "v2"); // not the Service's
    JsonObject spec = versionsOnly("v1", "v2");
    spec.addProperty("cleanup", "delete");
    try (var daemon = cluster.start("theseus-a", Map.of())) {
      cluster.canaryRollout(spec);
      await("Succeeded", Duration.ofSeconds(60), () -> cluster.phase().equals("Succeeded"));

      assertThat(cluster.mesh.weights()).containsExactly(0, 1, 20, 50, 100);
      assertThat(cluster.status().get("reason").getAsString()).contains("promoted v2");
      var view = daemon.daemon.supervisor().rollouts().get(0);
      assertThat(view.spec().stable().workload()).isEqualTo("shop-v1");
      assertThat(view.spec().canary().workload()).isEqualTo("shop-v2");
    }
    assertThat(cluster.deployments.get(ClusterRig.NS, "shop-v1").getHttpStatusCode())
        .as("the stable Deployment cleaned up")
        .isEqualTo(404);
    assertThat(cluster.replicas("shop-v2")).isEqualTo(3);
    assertThat(cluster.replicas("cart-v2")).as("untouched").isEqualTo(3);

    try (var second = cluster.start("theseus-b", Map.of())) {
      await(
          "the finished rollout served",
          Duration.ofSeconds(10),
          () -> !second.daemon.supervisor().rollouts().isEmpty());
      assertThat(second.daemon.supervisor().rollouts().get(0).spec().stable().workload())
          .as("from status.resolved")
          .isEqualTo("shop-v1");
      assertThat(cluster.phase()).isEqualTo("Succeeded");
    }
  }

  @Test
  void namesTheDeploymentFieldWhenNoDeploymentHasTheVersionAndStartsOnceOneIsCreated() {
    service(Map.of("app", "shop"));
    SampleDeployments.create(cluster.admin, ClusterRig.NS, "cart-v3", "v3"); // not the Service's
    try (var daemon = cluster.start("theseus-a", Map.of(TheseusConfig.RESYNC_PERIOD, "1s"))) {
      cluster.canaryRollout(versionsOnly("v1", "v3"));
      await("Failed", Duration.ofSeconds(20), () -> cluster.phase().equals("Failed"));
      assertThat(cluster.status().get("reason").getAsString())
          .contains(
              "spec.canary.deployment: omitted, and no Deployment in shop has pods labelled"
                  + " version=v3 matching Service shop's selector app=shop")
          .doesNotContain("workload")
          .doesNotContain("must not be blank");
      assertThat(cluster.mesh.reads()).isZero(); // nothing was routed

      SampleDeployments.create(cluster.admin, ClusterRig.NS, "shop-v3", "v3");
      await("Succeeded", Duration.ofSeconds(60), () -> cluster.phase().equals("Succeeded"));
      assertThat(cluster.status().get("reason").getAsString()).contains("promoted v3");
      assertThat(cluster.replicas("cart-v3")).as("untouched").isEqualTo(3);
    }
  }

  @Test
  void asksForTheDeploymentFieldWhenTwoDeploymentsHaveTheVersion() {
    service(Map.of("app", "shop"));
    SampleDeployments.createLabelled(
        cluster.admin, ClusterRig.NS, "shop-v2-hotfix", Map.of("app", "shop", "version", "v2"));
    try (var daemon = cluster.start("theseus-a", Map.of())) {
      cluster.canaryRollout(versionsOnly("v1", "v2"));
      await("Failed", Duration.ofSeconds(20), () -> cluster.phase().equals("Failed"));

      assertThat(cluster.status().get("reason").getAsString())
          .contains(
              "spec.canary.deployment: omitted, and Deployments shop-v2, shop-v2-hotfix in shop"
                  + " all have pods labelled version=v2 matching Service shop's selector app=shop;"
                  + " set spec.canary.deployment to the one to use")
          .doesNotContain("spec.stable");
      assertThat(cluster.mesh.reads()).isZero();
    }
  }

  @Test
  void aDaemonTakingOverAfterCleanupRemovedTheStableDeploymentFinishesTheRollout() {
    JsonObject crashed = crashedAfterCleanup(promotedVersionsOnly());
    cluster.replaceStatus(crashed);

    try (var second = cluster.start("theseus-b", Map.of())) {
      await("Succeeded", Duration.ofSeconds(30), () -> cluster.phase().equals("Succeeded"));

      assertThat(cluster.status().get("reason").getAsString()).contains("promoted v2");
      assertThat(cluster.specValid().get("status").getAsString()).isEqualTo("True");
      assertThat(second.daemon.supervisor().rollouts().get(0).spec().stable().workload())
          .isEqualTo("shop-v1");
    }
  }

  @Test
  void aStatusWithoutTheRecordStillNamesTheMissingDeploymentAndKeepsThePhase() {
    JsonObject crashed = crashedAfterCleanup(promotedVersionsOnly());
    crashed.remove("resolved"); // written by a daemon that did not record it
    cluster.replaceStatus(crashed);

    try (var second = cluster.start("theseus-b", Map.of())) {
      await(
          "SpecValid=False",
          Duration.ofSeconds(20),
          () -> cluster.specValid().get("status").getAsString().equals("False"));

      assertThat(cluster.specValid().get("message").getAsString())
          .startsWith(
              "spec.stable.deployment: omitted, and no Deployment in shop has pods labelled"
                  + " version=v1 matching Service shop's selector app=shop");
      assertThat(cluster.phase()).isEqualTo("Finalizing");
      assertThat(second.daemon.supervisor().rollouts()).isEmpty();
    }
  }

  /**
   * Runs a version-only rollout with {@code cleanup: delete} to Succeeded on a first daemon, which
   * records what it found, and returns the status it left.
   */
  private JsonObject promotedVersionsOnly() {
    service(Map.of("app", "shop"));
    JsonObject spec = versionsOnly("v1", "v2");
    spec.addProperty("cleanup", "delete");
    try (var first = cluster.start("theseus-a", Map.of())) {
      cluster.canaryRollout(spec);
      await("Succeeded", Duration.ofSeconds(60), () -> cluster.phase().equals("Succeeded"));
    }
    assertThat(cluster.deployments.get(ClusterRig.NS, "shop-v1").getHttpStatusCode())
        .as("the stable Deployment cleaned up")
        .isEqualTo(404);
    JsonObject status = cluster.status();
    assertThat(status.get("resolved"))
        .isEqualTo(
            JsonParser.parseString(
                """
                {"generation": 1,
                 "stable": {"deployment": "shop-v1", "version": "v1"},
                 "canary": {"deployment": "shop-v2", "version": "v2"}}
                """));
    return status;
  }

  /**
   * {@code succeeded} as a crash between the Finalizing tick's cleanup (the stable Deployment
   * deleted) and the next tick's Succeeded write leaves it.
   */
  private static JsonObject crashedAfterCleanup(JsonObject succeeded) {
    JsonObject status = succeeded.deepCopy();
    status.addProperty("phase", "Finalizing");
    status.addProperty("reason", "post-promotion smoke passed");
    return status;
  }

  /** The sample spec naming versions only. */
  private static JsonObject versionsOnly(String stable, String canary) {
    JsonObject spec = ClusterRig.spec();
    spec.getAsJsonObject("stable").remove("deployment");
    spec.getAsJsonObject("stable").addProperty("version", stable);
    spec.getAsJsonObject("canary").remove("deployment");
    spec.getAsJsonObject("canary").addProperty("version", canary);
    return spec;
  }

  /** Creates the sample app's Service {@code shop}, selecting {@code selector}. */
  private void service(Map<String, String> selector) {
    var service =
        new V1Service()
            .apiVersion("v1")
            .kind("Service")
            .metadata(new V1ObjectMeta().name("shop").namespace(ClusterRig.NS))
            .spec(new V1ServiceSpec().selector(selector));
    var api =
        new GenericKubernetesApi<>(
            V1Service.class, V1ServiceList.class, "", "v1", "services", cluster.admin);
    assertThat(api.create(service).isSuccess()).as("create Service shop").isTrue();
  }

  /** The sample spec naming Deployments only: shop-v1 (stable) and {@code canary}. */
  private static JsonObject withCanary(String canary) {
    JsonObject spec = ClusterRig.spec();
    spec.getAsJsonObject("stable").remove("version");
    JsonObject canarySide = new JsonObject();
    canarySide.addProperty("deployment", canary);
    spec.add("canary", canarySide);
    return spec;
  }
}
