package io.theseus.daemon;

import static io.theseus.daemon.ClusterRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.theseus.config.TheseusConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A CanaryRollout that names only Deployments gets its versions from their pod templates' {@code
 * spec.versionLabel} label; when that cannot be read, the status names the field, and the rollout
 * starts once the Deployment appears.
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
      assertThat(view.spec().stable().version()).isEqualTo("shop-v1 (removed)");
      assertThat(view.spec().canary().version()).isEqualTo("v2");
      assertThat(cluster.phase()).isEqualTo("Succeeded");
      JsonObject condition = cluster.status().getAsJsonArray("conditions").get(0).getAsJsonObject();
      assertThat(condition.get("status").getAsString()).as("SpecValid").isEqualTo("True");
    }
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
