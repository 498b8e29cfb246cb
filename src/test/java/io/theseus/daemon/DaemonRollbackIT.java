package io.theseus.daemon;

import static io.theseus.daemon.ClusterRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.theseus.config.TheseusConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Someone else deletes the canary Deployment while the rollout is in RollingBack: the rollback
 * finishes all the same, the stable keeps all traffic and its replicas, and nothing keeps writing
 * to the missing Deployment.
 */
class DaemonRollbackIT {

  private final ClusterRig cluster = new ClusterRig();

  @AfterEach
  void close() throws Exception {
    cluster.close();
  }

  @Test
  void finishesTheRollbackWhenTheCanaryDeploymentIsDeletedWhileItsTrafficDrains() {
    JsonObject spec = ClusterRig.spec();
    spec.getAsJsonObject("canary").remove("version"); // read from the Deployment deleted below
    // A pass every second, so that passes run while the canary Deployment is gone.
    try (var daemon = cluster.start("theseus-a", Map.of(TheseusConfig.RESYNC_PERIOD, "1s"))) {
      cluster.canaryRollout(spec);
      await("weight 20", Duration.ofSeconds(30), () -> cluster.mesh.canaryWeight() == 20);
      // The gate: RollingBack lasts until these connections are gone.
      cluster.metrics.lingeringCanaryRequests(500);
      cluster.metrics.canaryErrorRate(0.3);
      await(
          "RollingBack, the canary scaled to zero",
          Duration.ofSeconds(30),
          () -> cluster.phase().equals("RollingBack") && cluster.replicas("shop-v2") == 0);

      assertThat(cluster.deployments.delete(ClusterRig.NS, "shop-v2").isSuccess()).isTrue();
      int canaryWrites = cluster.server.writesFrom("theseus-a", "deployments/shop-v2");
      int fetched = cluster.metrics.fetches();
      await(
          "three drain checks with the canary gone",
          Duration.ofSeconds(30),
          () -> cluster.metrics.fetches() >= fetched + 3);
      assertThat(cluster.phase()).isEqualTo("RollingBack");
      cluster.metrics.lingeringCanaryRequests(0);
      await("RolledBack", Duration.ofSeconds(30), () -> cluster.phase().equals("RolledBack"));

      assertThat(cluster.mesh.weights()).containsExactly(0, 1, 20, 0);
      assertThat(cluster.mesh.canaryWeight()).as("all traffic to the stable").isZero();
      assertThat(cluster.mesh.problems()).as("every VirtualService read valid").isEmpty();
      assertThat(cluster.replicas("shop-v1")).isEqualTo(3);
      assertThat(cluster.server.writesFrom("theseus-a", "deployments/shop-v1"))
          .as("the stable never written")
          .isZero();
      assertThat(cluster.server.writesFrom("theseus-a", "deployments/shop-v2"))
          .as("no write to the deleted canary")
          .isEqualTo(canaryWrites);
      assertThat(specValid().get("status").getAsString()).isEqualTo("True");
      assertThat(cluster.status().get("reason").getAsString()).contains("error-rate");
    }
  }

  private JsonObject specValid() {
    return cluster.status().getAsJsonArray("conditions").asList().stream()
        .map(JsonElement::getAsJsonObject)
        .filter(c -> c.get("type").getAsString().equals("SpecValid"))
        .findFirst()
        .orElseThrow();
  }
}
