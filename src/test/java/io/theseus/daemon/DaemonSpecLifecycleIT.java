package io.theseus.daemon;

import static io.theseus.daemon.ClusterRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.theseus.config.TheseusConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Spec changes the daemon cannot act on while a rollout runs or after it ended, and two rollouts on
 * one Service: the rollout in flight stays safe, and the author is told why in a condition and an
 * Event.
 */
class DaemonSpecLifecycleIT {

  private final ClusterRig cluster = new ClusterRig();

  @AfterEach
  void close() throws Exception {
    cluster.close();
  }

  @Test
  void aRunningRolloutWhoseAnalysisConfigFileDisappearsStillRollsBackWithItsLastValidSpec()
      throws Exception {
    Path dir = Files.createTempDirectory("analysis");
    JsonObject inline = ClusterRig.spec().getAsJsonObject("analysis").getAsJsonObject("inline");
    Files.writeString(dir.resolve("tiny.yaml"), inline.toString()); // JSON is YAML
    var env =
        Map.of(
            TheseusConfig.ANALYSIS_CONFIG_DIR, dir.toString(), TheseusConfig.RESYNC_PERIOD, "1s");
    try (var daemon = cluster.start("theseus-a", env)) {
      JsonObject spec = ClusterRig.spec();
      spec.add("analysis", JsonParser.parseString("{\"configName\":\"tiny\"}"));
      cluster.canaryRollout(spec);
      await("weight 20", Duration.ofSeconds(30), () -> cluster.mesh.canaryWeight() == 20);
      Files.delete(dir.resolve("tiny.yaml"));
      await("told", Duration.ofSeconds(10), () -> specApplied(ClusterRig.NAME).isPresent());
      cluster.metrics.canaryErrorRate(0.3);

      await("RolledBack", Duration.ofSeconds(30), () -> cluster.phase().equals("RolledBack"));
      // a tick may have passed 20% before the errors began: the rollback is what matters
      assertThat(cluster.mesh.weights()).startsWith(0, 1, 20).endsWith(0);
      JsonObject told = specApplied(ClusterRig.NAME).orElseThrow();
      assertThat(told.get("status").getAsString()).isEqualTo("False");
      assertThat(told.get("message").getAsString())
          .contains("spec.analysis.configName")
          .contains("goes on with the spec it loaded from generation 1");
      assertThat(event(ClusterRig.NAME, "InvalidSpec")).isPresent();
    }
  }

  @Test
  void aBadSpecEditMidRolloutLeavesItRunningToTheEndOnItsLastValidSpec() {
    try (var daemon = cluster.start("theseus-a", Map.of())) {
      cluster.canaryRollout(ClusterRig.spec());
      await("weight 20", Duration.ofSeconds(30), () -> cluster.mesh.canaryWeight() >= 20);
      JsonObject bad = ClusterRig.spec();
      bad.add("steps", JsonParser.parseString("[20, 5, 100]"));
      cluster.replaceSpec(bad);
      await("told", Duration.ofSeconds(10), () -> specApplied(ClusterRig.NAME).isPresent());
      JsonObject told = specApplied(ClusterRig.NAME).orElseThrow();
      assertThat(told.get("message").getAsString())
          .contains("spec.steps")
          .contains("generation 2 cannot be used");

      await("Succeeded", Duration.ofSeconds(60), () -> cluster.phase().equals("Succeeded"));
      assertThat(cluster.mesh.weights()).containsExactly(0, 1, 20, 50, 100);
      assertThat(cluster.condition(ClusterRig.NAME, "SpecValid").orElseThrow().get("status"))
          .as("the steps it ran were valid")
          .hasToString("\"True\"");
    }
  }

  @Test
  void aCanaryReplacedMidRolloutIsHeldAndTheRolloutGoesOnWithTheCanaryItStartedWith() {
    try (var daemon = cluster.start("theseus-a", Map.of())) {
      SampleDeployments.create(cluster.admin, ClusterRig.NS, "shop-v3", "v3");
      cluster.canaryRollout(ClusterRig.spec());
      await("weight 20", Duration.ofSeconds(30), () -> cluster.mesh.canaryWeight() >= 20);
      JsonObject next = ClusterRig.spec();
      next.add("canary", JsonParser.parseString("{\"deployment\":\"shop-v3\",\"version\":\"v3\"}"));
      cluster.replaceSpec(next);
      await("told", Duration.ofSeconds(10), () -> specApplied(ClusterRig.NAME).isPresent());
      assertThat(specApplied(ClusterRig.NAME).orElseThrow().get("message").getAsString())
          .contains("spec.canary: shop-v3/v3 replaces shop-v2/v2 while the rollout runs");

      await("Succeeded", Duration.ofSeconds(60), () -> cluster.phase().equals("Succeeded"));
      assertThat(cluster.mesh.weights()).containsExactly(0, 1, 20, 50, 100);
      assertThat(cluster.mesh.subsetVersion("stable"))
          .as("promoted the canary it judged")
          .isEqualTo("v2");
    }
  }

  @Test
  void aSecondRolloutOnTheSameServiceWaitsUntouchedUntilTheFirstEnds() {
    try (var daemon = cluster.start("theseus-a", Map.of())) {
      SampleDeployments.create(cluster.admin, ClusterRig.NS, "shop-v3", "v3");
      JsonObject slow = ClusterRig.spec();
      JsonObject inline = slow.getAsJsonObject("analysis").getAsJsonObject("inline");
      inline.getAsJsonObject("minEvidence").addProperty("ticks", 1000); // holds at 1%
      inline.addProperty("stepDeadline", "30m");
      cluster.canaryRollout(slow);
      await("weight 1", Duration.ofSeconds(30), () -> cluster.mesh.canaryWeight() == 1);
      JsonObject next = ClusterRig.spec();
      next.add("canary", JsonParser.parseString("{\"deployment\":\"shop-v3\",\"version\":\"v3\"}"));
      cluster.canaryRollout("shop-b", next);

      await(
          "shop-b told", Duration.ofSeconds(10), () -> event("shop-b", "InvalidSpec").isPresent());
      JsonObject waits = cluster.condition("shop-b", "SpecValid").orElseThrow();
      assertThat(waits.get("status").getAsString()).isEqualTo("False");
      assertThat(waits.get("message").getAsString()).contains("spec.service").contains("shop");
      assertThat(cluster.phase()).isEqualTo("Baseline");
      assertThat(cluster.mesh.subsetVersion("canary")).isEqualTo("v2");
      assertThat(cluster.mesh.canaryWeight()).isEqualTo(1);

      cluster.deleteRollout(); // the first one ends: shop-b may start
      await(
          "shop-b Succeeded",
          Duration.ofSeconds(60),
          () -> "Succeeded".equals(phase(cluster.status("shop-b"))));
      assertThat(cluster.replicas("shop-v1")).as("shop-b's old stable, cleaned up").isZero();
    }
  }

  @Test
  void editingAFinishedRolloutIsReportedAndDoesNotRestartIt() {
    try (var daemon = cluster.start("theseus-a", Map.of())) {
      cluster.canaryRollout(ClusterRig.spec());
      await("Succeeded", Duration.ofSeconds(60), () -> cluster.phase().equals("Succeeded"));
      SampleDeployments.create(cluster.admin, ClusterRig.NS, "shop-v3", "v3");
      JsonObject next = ClusterRig.spec();
      next.add("stable", JsonParser.parseString("{\"deployment\":\"shop-v2\",\"version\":\"v2\"}"));
      next.add("canary", JsonParser.parseString("{\"deployment\":\"shop-v3\",\"version\":\"v3\"}"));
      cluster.replaceSpec(next);

      await("told", Duration.ofSeconds(10), () -> specApplied(ClusterRig.NAME).isPresent());
      JsonObject told = specApplied(ClusterRig.NAME).orElseThrow();
      assertThat(told.get("status").getAsString()).isEqualTo("False");
      assertThat(told.get("reason").getAsString()).isEqualTo("RolloutFinished");
      assertThat(told.get("message").getAsString()).contains("create a new CanaryRollout");
      assertThat(event(ClusterRig.NAME, "RolloutFinished")).isPresent();
      assertThat(cluster.phase()).isEqualTo("Succeeded");
      assertThat(cluster.mesh.subsetVersion("canary")).as("not restarted").isNotEqualTo("v3");
    }
  }

  private Optional<JsonObject> specApplied(String name) {
    return cluster.condition(name, "SpecApplied");
  }

  private Optional<CoreV1Event> event(String name, String reason) {
    return cluster.events().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .filter(e -> reason.equals(e.getReason()))
        .findFirst();
  }

  private static String phase(JsonObject status) {
    return status.has("phase") ? status.get("phase").getAsString() : "";
  }
}
