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
 * The API server refuses the write of {@code status.resolved}: the supervisor's retry pass writes
 * it about 2 s later, though nothing in the cluster changes to start a pass before the resync
 * period (10 min here), and the rollout goes on to succeed.
 */
class ResolvedStatusRetryIT {

  private static final String STATUS = "canaryrollouts/shop/status";

  /** The record's write; no other status write carries the field before it lands. */
  private static final String RECORD = "\"resolved\"";

  /** Attempts of one retried call in the rig's KubeCallOptions: all refused, the write failed. */
  private static final int ATTEMPTS = 5;

  private final ClusterRig cluster = new ClusterRig();

  @AfterEach
  void close() throws Exception {
    cluster.close();
  }

  @Test
  void aRefusedRecordIsWrittenByTheRetryPassWhileNothingElseChanges() {
    JsonObject spec = ClusterRig.spec();
    spec.getAsJsonObject("canary").remove("version"); // looked up, so recorded
    waitingForItsCanaryWithoutRecord(spec);

    cluster.server.failNextCarrying("PUT", STATUS, RECORD, 503, ATTEMPTS);
    try (var daemon = cluster.start("theseus-b", Map.of())) {
      await("the record refused", Duration.ofSeconds(20), () -> cluster.server.faultsLeft() == 0);
      long refused = System.nanoTime();
      await("status.resolved", Duration.ofSeconds(20), () -> cluster.status().has("resolved"));
      Duration took = Duration.ofNanos(System.nanoTime() - refused);

      assertThat(took)
          .as("the retry pass, not an immediate one")
          .isGreaterThan(Duration.ofSeconds(1));
      assertThat(cluster.phase()).as("nothing else changed").isEqualTo("Initializing");
      assertThat(cluster.server.writesFrom("theseus-b", STATUS))
          .as("one refused write (every attempt), then one that landed")
          .isEqualTo(ATTEMPTS + 1);

      SampleDeployments.scale(cluster.admin, ClusterRig.NS, "shop-v2", 3);
      await("Succeeded", Duration.ofSeconds(60), () -> cluster.phase().equals("Succeeded"));
      assertThat(cluster.mesh.weights()).containsExactly(0, 1, 20, 50, 100);
      assertThat(cluster.status().get("resolved"))
          .isEqualTo(
              JsonParser.parseString(
                  """
                  {"generation": 1,
                   "stable": {"deployment": "shop-v1", "version": "v1"},
                   "canary": {"deployment": "shop-v2", "version": "v2"}}
                  """));
    }
  }

  /**
   * Leaves the rollout of {@code spec} in Initializing without the record: a first daemon starts it
   * while its canary is 3 of 5 ready and the API server refuses every record write. Waiting for the
   * canary, the rollout writes no status, so no watch event starts a pass.
   */
  private void waitingForItsCanaryWithoutRecord(JsonObject spec) {
    SampleDeployments.scale(cluster.admin, ClusterRig.NS, "shop-v2", 5);
    cluster.server.failNextCarrying("PUT", STATUS, RECORD, 503, 1_000);
    try (var first = cluster.start("theseus-a", Map.of())) {
      cluster.canaryRollout(spec);
      await("Initializing", Duration.ofSeconds(20), () -> cluster.phase().equals("Initializing"));
    }
    cluster.server.clearFaults();
    assertThat(cluster.status().has("resolved")).isFalse();
  }
}
