package io.theseus.daemon;

import static io.theseus.daemon.ClusterRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Daemons that stop, crash and compete: a new instance resumes from the CanaryRollout status, and
 * of two replicas under leader election only the leader writes.
 */
class DaemonFailoverIT {

  private final ClusterRig cluster = new ClusterRig();

  @AfterEach
  void close() throws Exception {
    cluster.close();
  }

  @Test
  void aNewInstanceResumesFromStatusWithoutGoingBackToOnePercent() {
    ClusterRig.Running first = cluster.start("theseus-a", Map.of());
    cluster.canaryRollout(ClusterRig.spec());
    await("weight 20", Duration.ofSeconds(30), () -> cluster.mesh.canaryWeight() == 20);
    first.crash();
    int stepAtCrash = cluster.status().get("step").getAsInt();

    try (var second = cluster.start("theseus-b", Map.of())) {
      await("Succeeded", Duration.ofSeconds(60), () -> cluster.phase().equals("Succeeded"));
      assertThat(second.daemon.supervisor().rollouts()).hasSize(1);
    }
    assertThat(stepAtCrash).isGreaterThanOrEqualTo(1);
    assertThat(cluster.mesh.weights()).containsExactly(0, 1, 20, 50, 100);
    assertThat(cluster.mesh.problems()).isEmpty();
  }

  @Test
  void aLeaderThatCannotRenewStopsActingAndTheStandbyFinishes() {
    try (var a = cluster.start("theseus-a", ClusterRig.ELECTION);
        var b = cluster.start("theseus-b", ClusterRig.ELECTION)) {
      await("a leader", Duration.ofSeconds(15), () -> a.daemon.leading() || b.daemon.leading());
      ClusterRig.Running leader = a.daemon.leading() ? a : b;
      ClusterRig.Running standby = leader == a ? b : a;
      cluster.canaryRollout(ClusterRig.spec());
      await("weight 20", Duration.ofSeconds(30), () -> cluster.mesh.canaryWeight() == 20);

      cluster.server.failNextFrom(leader.pod, "PUT", "leases", 503, 10_000);
      await("lost the lease", Duration.ofSeconds(10), () -> !leader.daemon.leading());
      int rolloutWritesAtLoss = rolloutWrites(leader);
      await("Succeeded", Duration.ofSeconds(60), () -> cluster.phase().equals("Succeeded"));

      assertThat(leader.daemon.supervisor().rollouts()).isEmpty();
      assertThat(rolloutWrites(leader) - rolloutWritesAtLoss)
          .as("writes after losing the lease: at most the one tick already in flight")
          .isLessThanOrEqualTo(2);
      assertThat(standby.daemon.leading()).isTrue();
      assertThat(cluster.mesh.weights()).containsExactly(0, 1, 20, 50, 100);
      cluster.server.clearFaults();
    }
  }

  /**
   * The leader's tick at 20% sits in a slow smoke hook when it loses the Lease; the standby takes
   * over and promotes. The old tick then ends and must neither write its stale decision
   * (Progressing 50) over Succeeded nor set 50/50 routes to a stable that has no pods left.
   */
  @Test
  void aDeposedLeadersInFlightTickDoesNotOverwriteTheNewLeadersProgress() throws Exception {
    Path dir = Files.createTempDirectory("slow-smoke");
    Path slow = Files.writeString(dir.resolve("slow"), "");
    Path ended = dir.resolve("ended");
    JsonObject spec = ClusterRig.spec();
    spec.getAsJsonObject("analysis")
        .getAsJsonObject("inline")
        .add("hooks", slowSmokeAt20(slow, ended));
    try (var a = cluster.start("theseus-a", ClusterRig.ELECTION);
        var b = cluster.start("theseus-b", ClusterRig.ELECTION)) {
      await("a leader", Duration.ofSeconds(15), () -> a.daemon.leading() || b.daemon.leading());
      ClusterRig.Running leader = a.daemon.leading() ? a : b;
      cluster.canaryRollout(spec);
      await("the slow hook", Duration.ofSeconds(30), () -> !Files.exists(slow));
      cluster.server.failNextFrom(leader.pod, "PUT", "leases", 503, 10_000);
      await("lost the lease", Duration.ofSeconds(10), () -> !leader.daemon.leading());
      await("Succeeded", Duration.ofSeconds(30), () -> cluster.phase().equals("Succeeded"));
      await("the old tick's hook ended", Duration.ofSeconds(30), () -> Files.exists(ended));

      // Its tick decides and writes right after the hook: nothing may change for a while.
      holdsFor(
          Duration.ofSeconds(3),
          () ->
              assertThat(cluster.phase())
                  .as("phase; weights seen %s", cluster.mesh.weights())
                  .isEqualTo("Succeeded"));
      assertThat(cluster.mesh.weights()).containsExactly(0, 1, 20, 50, 100);
      assertThat(cluster.mesh.canaryWeight()).isEqualTo(100);
      cluster.server.clearFaults();
    }
  }

  /**
   * A smoke hook that, the first time it runs at 20%, takes 12 s and then creates {@code ended}.
   */
  private static JsonArray slowSmokeAt20(Path slow, Path ended) {
    String script =
        "if [ \"$THESEUS_WEIGHT\" = 20 ] && rm %s 2>/dev/null; then sleep 12; touch %s; fi"
            .formatted(slow, ended);
    JsonObject hook = new JsonObject();
    hook.addProperty("name", "slow-smoke");
    hook.addProperty("type", "command");
    hook.addProperty("timeout", "30s");
    JsonArray command = new JsonArray();
    List.of("sh", "-c", script).forEach(command::add);
    hook.add("command", command);
    JsonArray hooks = new JsonArray();
    hooks.add(hook);
    return hooks;
  }

  /** Runs {@code check} every 50 ms for {@code period}: it must pass every time. */
  private static void holdsFor(Duration period, Runnable check) throws Exception {
    long end = System.nanoTime() + period.toNanos();
    while (System.nanoTime() < end) {
      check.run();
      Thread.sleep(50);
    }
  }

  /** Writes to the rollout's objects (status, routes, Deployments), not to the Lease. */
  private int rolloutWrites(ClusterRig.Running daemon) {
    return cluster.server.writesFrom(daemon.pod, "canaryrollouts")
        + cluster.server.writesFrom(daemon.pod, "virtualservices")
        + cluster.server.writesFrom(daemon.pod, "destinationrules")
        + cluster.server.writesFrom(daemon.pod, "deployments");
  }

  @Test
  void onlyTheLeaderWritesAndTheStandbyTakesOverWhenItStops() {
    try (var a = cluster.start("theseus-a", ClusterRig.ELECTION);
        var b = cluster.start("theseus-b", ClusterRig.ELECTION)) {
      await("a leader", Duration.ofSeconds(15), () -> a.daemon.leading() || b.daemon.leading());
      ClusterRig.Running leader = a.daemon.leading() ? a : b;
      ClusterRig.Running standby = leader == a ? b : a;
      int standbyWritesBefore = cluster.server.writesFrom(standby.pod);
      JsonObject spec = ClusterRig.spec();
      spec.getAsJsonObject("stable").remove("version"); // both look it up, the leader records it
      cluster.canaryRollout(spec);
      await("weight 20", Duration.ofSeconds(30), () -> cluster.mesh.canaryWeight() == 20);

      assertThat(cluster.server.writesFrom(standby.pod) - standbyWritesBefore)
          .as("writes of the standby (its Lease attempts read only)")
          .isZero();
      assertThat(cluster.status().getAsJsonObject("resolved").getAsJsonObject("stable"))
          .isEqualTo(JsonParser.parseString("{\"deployment\": \"shop-v1\", \"version\": \"v1\"}"));
      assertThat(standby.daemon.supervisor().synced()).isTrue();
      assertThat(standby.daemon.supervisor().rollouts()).isEmpty();

      leader.stop();
      await("Succeeded", Duration.ofSeconds(60), () -> cluster.phase().equals("Succeeded"));
      assertThat(standby.daemon.leading()).isTrue();
      assertThat(cluster.mesh.weights()).containsExactly(0, 1, 20, 50, 100);
    }
  }
}
