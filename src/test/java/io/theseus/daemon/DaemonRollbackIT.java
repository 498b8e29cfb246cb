package io.theseus.daemon;

import static io.theseus.daemon.ClusterRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.theseus.config.TheseusConfig;
import io.theseus.kube.schema.UpstreamSchemas;
import io.theseus.routing.istio.IstioObjectsOnServer;
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

  private static final String STABLE = "shop-v1";
  private static final String CANARY = "shop-v2";

  private final ClusterRig cluster = new ClusterRig();

  @AfterEach
  void close() throws Exception {
    cluster.close();
  }

  @Test
  void finishesTheRollbackWhenTheCanaryDeploymentIsDeletedWhileItsTrafficDrains() {
    // A pass every second, so that passes run while the canary Deployment is gone.
    try (var daemon = cluster.start("theseus-a", Map.of(TheseusConfig.RESYNC_PERIOD, "1s"))) {
      cluster.canaryRollout(canaryVersionOmitted());
      await("weight 20", Duration.ofSeconds(30), () -> cluster.mesh.canaryWeight() == 20);
      // The gate: RollingBack lasts until these connections are gone.
      cluster.metrics.lingeringCanaryRequests(500);
      cluster.metrics.canaryErrorRate(0.3);
      await(
          "RollingBack, the canary scaled to zero",
          Duration.ofSeconds(30),
          () -> cluster.phase().equals("RollingBack") && cluster.replicas(CANARY) == 0);

      assertThat(cluster.deployments.delete(ClusterRig.NS, CANARY).isSuccess()).isTrue();
      int canaryWrites = cluster.server.writesFrom("theseus-a", "deployments/" + CANARY);
      int fetched = cluster.metrics.fetches();
      await(
          "three drain checks with the canary gone",
          Duration.ofSeconds(30),
          () -> cluster.metrics.fetches() >= fetched + 3);
      assertThat(cluster.phase()).isEqualTo("RollingBack");
      cluster.metrics.lingeringCanaryRequests(0);
      await("RolledBack", Duration.ofSeconds(30), () -> cluster.phase().equals("RolledBack"));

      assertRolledBackToTheUntouchedStable();
      assertThat(cluster.server.writesFrom("theseus-a", "deployments/" + CANARY))
          .as("no write to the deleted canary")
          .isEqualTo(canaryWrites);
    }
  }

  @Test
  void finishesTheRollbackWhenTheCanaryDeploymentIsDeletedBetweenTheRouteResetAndItsRemoval() {
    JsonObject spec = canaryVersionOmitted();
    spec.addProperty("cleanup", "delete");
    try (var daemon = cluster.start("theseus-a", Map.of())) {
      cluster.canaryRollout(spec);
      await("weight 20", Duration.ofSeconds(30), () -> cluster.mesh.canaryWeight() == 20);
      // The rollback's first write is the route reset; the deletion lands before its answer.
      cluster.server.deleteAfterNextPatch(
          "virtualservices/" + ClusterRig.NAME,
          "/apis/apps/v1/namespaces/" + ClusterRig.NS + "/deployments/" + CANARY);
      cluster.metrics.canaryErrorRate(0.3);
      await("RolledBack", Duration.ofSeconds(30), () -> cluster.phase().equals("RolledBack"));

      assertRolledBackToTheUntouchedStable();
      assertThat(cluster.deployments.get(ClusterRig.NS, CANARY).getHttpStatusCode()).isEqualTo(404);
      assertThat(cluster.server.writesFrom("theseus-a", "deployments/" + CANARY))
          .as("found gone, so never deleted again")
          .isZero();
    }
  }

  /** The sample spec without the canary's version: it is read from the Deployment deleted. */
  private static JsonObject canaryVersionOmitted() {
    JsonObject spec = ClusterRig.spec();
    spec.getAsJsonObject("canary").remove("version");
    return spec;
  }

  private void assertRolledBackToTheUntouchedStable() {
    assertThat(cluster.mesh.weights()).containsExactly(0, 1, 20, 0);
    JsonObject vs =
        new DynamicKubernetesApi("networking.istio.io", "v1", "virtualservices", cluster.admin)
            .get(ClusterRig.NS, ClusterRig.NAME)
            .getObject()
            .getRaw();
    UpstreamSchemas.assertValid(UpstreamSchemas.virtualService(), vs.toString());
    assertThat(IstioObjectsOnServer.primaryWeights(vs))
        .as("stable, canary")
        .containsExactly(100, 0);
    assertThat(cluster.mesh.problems()).as("every VirtualService read valid").isEmpty();
    assertThat(cluster.replicas(STABLE)).isEqualTo(3);
    assertThat(cluster.server.writesFrom("theseus-a", "deployments/" + STABLE))
        .as("the stable never written")
        .isZero();
    assertThat(cluster.specValid().get("status").getAsString()).isEqualTo("True");
    assertThat(cluster.status().get("reason").getAsString()).contains("error-rate");
  }
}
