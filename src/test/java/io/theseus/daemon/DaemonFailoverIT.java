package io.theseus.daemon;

import static io.theseus.daemon.ClusterRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
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
