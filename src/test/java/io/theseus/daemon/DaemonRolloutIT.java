package io.theseus.daemon;

import static io.theseus.daemon.ClusterRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.theseus.config.TheseusConfig;
import io.theseus.routing.istio.IstioObjectsOnServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The daemon end to end against the mock API server: a CanaryRollout drives the rollout, weights
 * are read back from the VirtualService (validated against Istio's schema at every read) and the
 * status subresource carries the rollout.
 */
class DaemonRolloutIT {

  private final ClusterRig cluster = new ClusterRig();

  @AfterEach
  void close() throws Exception {
    cluster.close();
  }

  @Test
  void promotesThroughEveryStepAndLeavesTheStableSubsetOnTheNewVersionWithAllTrafficOnIt() {
    try (var daemon = cluster.start("theseus-a", Map.of())) {
      cluster.canaryRollout(ClusterRig.spec());
      await("Succeeded", Duration.ofSeconds(60), () -> cluster.phase().equals("Succeeded"));

      assertThat(cluster.mesh.weights()).containsExactly(0, 1, 20, 50, 100);
      assertThat(cluster.mesh.problems()).isEmpty();
      var objects = new IstioObjectsOnServer(cluster.admin);
      JsonObject vs = objects.virtualService(ClusterRig.NS);
      assertThat(
              IstioObjectsOnServer.subsetVersion(objects.destinationRule(ClusterRig.NS), "stable"))
          .as("stable subset after promotion")
          .isEqualTo("v2");
      assertThat(IstioObjectsOnServer.primaryWeights(vs)).containsExactly(100, 0);
      assertThat(IstioObjectsOnServer.routeNames(vs)).containsExactly("theseus-primary");
      JsonObject status = cluster.status();
      assertThat(status.get("weight").getAsInt()).isEqualTo(100);
      assertThat(status.getAsJsonObject("stableBackup").get("replicas").getAsInt()).isEqualTo(3);
      assertThat(status.getAsJsonArray("ledger").size()).isBetween(4, 20);
      assertThat(cluster.replicas("shop-v1")).isZero(); // cleanup: scale-to-zero
      assertThat(daemon.daemon.supervisor().rollouts()).hasSize(1);
      await(
          "phase Events",
          Duration.ofSeconds(10),
          () -> eventReasons().containsAll(List.of("Initializing", "Baseline", "Succeeded")));
    }
  }

  /** Reasons of the Events recorded on the CanaryRollout. */
  private List<String> eventReasons() {
    return cluster.events().stream().map(CoreV1Event::getReason).toList();
  }

  @Test
  void servesReadinessAndTheRolloutOnItsApi() throws Exception {
    try (var daemon = cluster.start("theseus-a", Map.of(TheseusConfig.API_OPEN_READS, "true"))) {
      cluster.canaryRollout(ClusterRig.spec());
      await("Succeeded", Duration.ofSeconds(60), () -> cluster.phase().equals("Succeeded"));

      assertThat(daemon.get("/readyz").statusCode()).isEqualTo(200);
      assertThat(daemon.get("/healthz").statusCode()).isEqualTo(200);
      HttpResponse<String> one = daemon.get("/api/v1/rollouts/shop/shop");
      assertThat(one.statusCode()).isEqualTo(200);
      assertThat(one.body()).contains("Succeeded");
      assertThat(daemon.get("/metrics").body()).contains("theseus_");
      assertThat(daemon.override(null, "pause", "freeze").statusCode())
          .as("the override endpoint is mounted and never open")
          .isEqualTo(401);
    }
  }

  @Test
  void rollsBackWhenTheCanaryFailsAndRestoresTheStable() {
    try (var daemon = cluster.start("theseus-a", Map.of())) {
      cluster.canaryRollout(ClusterRig.spec());
      await("weight 20", Duration.ofSeconds(30), () -> cluster.mesh.canaryWeight() == 20);
      cluster.metrics.canaryErrorRate(0.3);
      await("RolledBack", Duration.ofSeconds(60), () -> cluster.phase().equals("RolledBack"));

      assertThat(cluster.mesh.weights()).containsExactly(0, 1, 20, 0);
      assertThat(cluster.mesh.problems()).isEmpty();
      assertThat(cluster.replicas("shop-v1")).isEqualTo(3);
      assertThat(cluster.replicas("shop-v2")).isZero();
      assertThat(cluster.status().get("reason").getAsString()).isNotBlank();
    }
  }

  @Test
  void marksAnInvalidSpecFailedNamingTheField() {
    try (var daemon = cluster.start("theseus-a", Map.of())) {
      JsonObject spec = ClusterRig.spec();
      spec.add("steps", com.google.gson.JsonParser.parseString("[20, 5, 100]"));
      cluster.canaryRollout(spec);
      await("Failed", Duration.ofSeconds(20), () -> cluster.phase().equals("Failed"));

      JsonObject condition = cluster.status().getAsJsonArray("conditions").get(0).getAsJsonObject();
      assertThat(condition.get("type").getAsString()).isEqualTo("SpecValid");
      assertThat(condition.get("status").getAsString()).isEqualTo("False");
      assertThat(condition.get("message").getAsString()).contains("spec.steps");
      assertThat(cluster.mesh.reads()).isZero(); // nothing was routed
    }
  }

  @Test
  void startsFromTheBeginningOnceAnInvalidSpecIsFixed() {
    try (var daemon = cluster.start("theseus-a", Map.of())) {
      JsonObject spec = ClusterRig.spec();
      spec.add("steps", com.google.gson.JsonParser.parseString("[20, 5, 100]"));
      cluster.canaryRollout(spec);
      await("Failed", Duration.ofSeconds(20), () -> cluster.phase().equals("Failed"));

      cluster.replaceSpec(ClusterRig.spec());
      await("Succeeded", Duration.ofSeconds(60), () -> cluster.phase().equals("Succeeded"));
      assertThat(cluster.mesh.weights()).containsExactly(0, 1, 20, 50, 100);
      JsonObject condition = cluster.status().getAsJsonArray("conditions").get(0).getAsJsonObject();
      assertThat(condition.get("status").getAsString()).as("SpecValid").isEqualTo("True");
    }
  }

  @Test
  void namesTheMissingAnalysisConfigFile() {
    try (var daemon = cluster.start("theseus-a", Map.of(TheseusConfig.NAMESPACES, "shop"))) {
      JsonObject spec = ClusterRig.spec();
      JsonObject analysis = new JsonObject();
      analysis.addProperty("configName", "nonesuch");
      spec.add("analysis", analysis);
      cluster.canaryRollout(spec);
      await("Failed", Duration.ofSeconds(20), () -> cluster.phase().equals("Failed"));

      assertThat(cluster.status().get("reason").getAsString())
          .contains("spec.analysis.configName")
          .contains("default");
    }
  }
}
