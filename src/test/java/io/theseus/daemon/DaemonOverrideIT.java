package io.theseus.daemon;

import static io.theseus.daemon.ClusterRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.models.CoreV1Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Manual overrides against a running daemon: over HTTP with tokens the mock API server reviews
 * (alice-token may override rollouts in namespace shop, bob-token only in namespace other), and
 * through the kubectl annotations. The rollout's steps need far more ticks than a test runs, so it
 * stays in Baseline at 1 % until overridden.
 */
class DaemonOverrideIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String POD = "theseus-a";

  private final ClusterRig cluster = new ClusterRig();

  @AfterEach
  void close() throws Exception {
    cluster.close();
  }

  /** The sample rollout, held at its first step: it never sees the evidence to advance. */
  private static JsonObject heldSpec() {
    JsonObject spec = ClusterRig.spec();
    spec.addProperty("progressDeadline", "10m");
    JsonObject inline = spec.getAsJsonObject("analysis").getAsJsonObject("inline");
    inline.getAsJsonObject("minEvidence").addProperty("ticks", 10_000);
    inline.addProperty(
        "stepDeadline", "3h"); // at least 10 000 ticks of 1 s, or the spec is invalid
    return spec;
  }

  private void startHeldRollout() {
    cluster.canaryRollout(heldSpec());
    await("Baseline", WAIT, () -> cluster.phase().equals("Baseline"));
  }

  @Test
  void anAuthorisedTokenOverridesWhileOthersGet401Or403AndTheOverrideLandsInStatusAndAsAnEvent()
      throws Exception {
    cluster.server.reviews().token("alice-token", "alice", "ops").allow("alice", "shop");
    cluster.server.reviews().token("bob-token", "bob", "ops").allow("bob", "other");
    try (var daemon = cluster.start(POD, Map.of())) {
      startHeldRollout();

      assertThat(daemon.override(null, "pause", "checking").statusCode()).isEqualTo(401);
      assertThat(daemon.override("mallory-token", "pause", "checking").statusCode()).isEqualTo(401);
      var bob = daemon.override("bob-token", "pause", "checking");
      assertThat(bob.statusCode()).isEqualTo(403);
      assertThat(bob.body()).contains("bob may not override rollout shop/shop");
      var alice = daemon.override("alice-token", "pause", "p99 looks odd");
      assertThat(alice.statusCode()).isEqualTo(202);
      assertThat(JsonParser.parseString(alice.body()).getAsJsonObject().get("by").getAsString())
          .isEqualTo("alice");

      await("Paused in status", WAIT, () -> cluster.phase().equals("Paused"));
      assertThat(overrides()).containsExactly("pause by alice: p99 looks odd");
      CoreV1Event event = awaitEvent("OverridePause");
      assertThat(event.getType()).isEqualTo("Normal");
      assertThat(event.getMessage())
          .isEqualTo("pause by alice: p99 looks odd (Baseline -> Paused)");
      assertThat(overridesCounted(daemon, "pause")).isEqualTo(1);
    }
  }

  @Test
  void anAnnotatedOverrideIsAppliedOnceRecordedAndRemovedEvenWhenTheFirstRemovalFails()
      throws Exception {
    try (var daemon = cluster.start(POD, Map.of())) {
      startHeldRollout();
      // Every attempt of the first removal fails: the next pass submits the pause again.
      cluster.server.failNextFrom(POD, "PATCH", "/canaryrollouts/" + ClusterRig.NAME, 500, 5);
      annotate("pause", "checking traces", true);

      await("annotations removed", WAIT, () -> overrideAnnotations().isEmpty());
      assertThat(cluster.server.faultsLeft()).as("the failed removal was retried").isZero();
      assertThat(cluster.phase()).isEqualTo("Paused");
      assertThat(overrides())
          .as("the same action twice makes one transition")
          .containsExactly("pause by annotation:kubectl-annotate: checking traces");
      assertThat(awaitEvent("OverridePause").getMessage())
          .isEqualTo("pause by annotation:kubectl-annotate: checking traces (Baseline -> Paused)");
      assertThat(overridesCounted(daemon, "pause")).isEqualTo(1);
    }
  }

  @Test
  void onlyTheLeaderHandlesTheAnnotationsTheStandbyLeavesThemAlone() {
    try (var a = cluster.start("theseus-a", ClusterRig.ELECTION);
        var b = cluster.start("theseus-b", ClusterRig.ELECTION)) {
      await("a leader", WAIT, () -> a.daemon.leading() || b.daemon.leading());
      ClusterRig.Running leader = a.daemon.leading() ? a : b;
      ClusterRig.Running standby = leader == a ? b : a;
      startHeldRollout();
      int standbyWritesBefore = cluster.server.writesFrom(standby.pod);
      // The leader's first two passes cannot remove them: the standby lists them meanwhile.
      cluster.server.failNextFrom(
          leader.pod, "PATCH", "/canaryrollouts/" + ClusterRig.NAME, 500, 10);
      annotate("pause", "freeze", false);

      await("annotations removed", WAIT, () -> overrideAnnotations().isEmpty());
      assertThat(cluster.server.faultsLeft()).isZero();
      assertThat(cluster.server.writesFrom(standby.pod) - standbyWritesBefore)
          .as("writes of the standby")
          .isZero();
      assertThat(overrides()).containsExactly("pause by annotation:kubectl: freeze");
    }
  }

  @Test
  void aBadAnnotationOrAnActionInvalidInThePhaseIsRemovedAndReportedNamingTheAnnotation()
      throws Exception {
    try (var daemon = cluster.start(POD, Map.of())) {
      startHeldRollout();

      annotate("explode", "why not", false);
      assertThat(awaitRejection("unknown action").getMessage())
          .contains("theseus.io/override: unknown action (allowed: promote, rollback");
      annotate("pause", " ", false);
      assertThat(awaitRejection("must not be empty").getMessage())
          .contains("theseus.io/override-reason: must not be empty");
      assertThat(cluster.phase()).isEqualTo("Baseline");

      annotate("rollback", "bad build", false);
      await("RolledBack", Duration.ofSeconds(60), () -> cluster.phase().equals("RolledBack"));
      CoreV1Event rollback = awaitEvent("OverrideRollback");
      assertThat(rollback.getType()).isEqualTo("Warning");
      assertThat(rollback.getMessage())
          .isEqualTo("rollback by annotation:kubectl: bad build (Baseline -> RollingBack)");

      annotate("promote", "too late", false);
      assertThat(awaitRejection("not valid in phase").getMessage())
          .contains("theseus.io/override: promote is not valid in phase RolledBack");
      await("annotations removed", WAIT, () -> overrideAnnotations().isEmpty());
      assertThat(overrides()).containsExactly("rollback by annotation:kubectl: bad build");
      assertThat(overridesCounted(daemon, "rollback")).isEqualTo(1);
    }
  }

  /**
   * Sets the override annotations with the admin client, as {@code kubectl annotate} does; with
   * {@code managed}, also the managedFields entry kube-apiserver records for that command.
   */
  private void annotate(String action, String reason, boolean managed) {
    JsonObject annotations = new JsonObject();
    annotations.addProperty("theseus.io/override", action);
    annotations.addProperty("theseus.io/override-reason", reason);
    JsonObject meta = new JsonObject();
    meta.add("annotations", annotations);
    if (managed) {
      meta.add(
          "managedFields",
          JsonParser.parseString(
              """
              [{"manager": "kubectl-annotate", "operation": "Update",
                "apiVersion": "theseus.io/v1alpha1", "fieldsType": "FieldsV1",
                "fieldsV1": {"f:metadata": {"f:annotations": {".": {},
                  "f:theseus.io/override": {}, "f:theseus.io/override-reason": {}}}}}]
              """));
    }
    JsonObject patch = new JsonObject();
    patch.add("metadata", meta);
    var response =
        cluster.rollouts.patch(
            ClusterRig.NS,
            ClusterRig.NAME,
            V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH,
            new V1Patch(patch.toString()));
    assertThat(response.isSuccess()).as("annotate: %s", response.getStatus()).isTrue();
  }

  /** The theseus.io/override* annotations on the CanaryRollout now. */
  private Set<String> overrideAnnotations() {
    Map<String, String> all =
        cluster
            .rollouts
            .get(ClusterRig.NS, ClusterRig.NAME)
            .getObject()
            .getMetadata()
            .getAnnotations();
    return all == null
        ? Set.of()
        : Set.copyOf(
            all.keySet().stream().filter(k -> k.startsWith("theseus.io/override")).toList());
  }

  /** status.overrides as "action by user: reason". */
  private List<String> overrides() {
    JsonObject status = cluster.status();
    JsonArray recorded =
        status.has("overrides") ? status.getAsJsonArray("overrides") : new JsonArray();
    return recorded.asList().stream()
        .map(JsonObject.class::cast)
        .map(
            o ->
                o.get("action").getAsString()
                    + " by "
                    + o.get("user").getAsString()
                    + ": "
                    + o.get("reason").getAsString())
        .toList();
  }

  private CoreV1Event awaitEvent(String reason) {
    await("Event " + reason, WAIT, () -> event(reason, "").isPresent());
    return event(reason, "").orElseThrow();
  }

  private CoreV1Event awaitRejection(String containing) {
    await("OverrideRejected: " + containing, WAIT, () -> rejection(containing).isPresent());
    await("annotations removed", WAIT, () -> overrideAnnotations().isEmpty());
    return rejection(containing).orElseThrow();
  }

  private Optional<CoreV1Event> rejection(String containing) {
    return event("OverrideRejected", containing)
        .filter(e -> "Warning".equals(e.getType()) && e.getCount() == 1);
  }

  private Optional<CoreV1Event> event(String reason, String containing) {
    return cluster.events().stream()
        .filter(e -> reason.equals(e.getReason()) && e.getMessage().contains(containing))
        .findFirst();
  }

  /** theseus_overrides_total for the sample rollout and {@code action}, from /metrics. */
  private static double overridesCounted(ClusterRig.Running daemon, String action)
      throws Exception {
    return daemon
        .get("/metrics")
        .body()
        .lines()
        .filter(l -> l.startsWith("theseus_overrides_total{"))
        .filter(l -> l.contains("action=\"" + action + "\"") && l.contains("rollout=\"shop\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
