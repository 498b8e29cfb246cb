package io.theseus.daemon;

import static io.theseus.daemon.ClusterRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API server answers 409 and 5xx (some after applying the change, as when a response is lost):
 * the daemon retries and still takes every step exactly once.
 */
class DaemonFaultsIT {

  private final ClusterRig cluster = new ClusterRig();

  @AfterEach
  void close() throws Exception {
    cluster.close();
  }

  @Test
  void conflictsAndServerErrorsAreRetriedWithoutDoubleSteps() {
    try (var daemon = cluster.start("theseus-a", Map.of())) {
      cluster.canaryRollout(ClusterRig.spec());
      await("weight 1", Duration.ofSeconds(30), () -> cluster.mesh.canaryWeight() == 1);
      cluster.server.failNextFrom("theseus-a", "PUT", "canaryrollouts/shop/status", 409, 3);
      cluster.server.failNext("PUT", "canaryrollouts/shop/status", 500, true, 2);
      cluster.server.failNext("PATCH", "virtualservices", 503, true, 2);
      cluster.server.failNextFrom("theseus-a", "GET", "canaryrollouts/shop", 500, 2);
      await("Succeeded", Duration.ofSeconds(60), () -> cluster.phase().equals("Succeeded"));

      assertThat(cluster.mesh.weights()).containsExactly(0, 1, 20, 50, 100);
      assertThat(cluster.mesh.problems()).isEmpty();
      assertThat(ledgerWeights()).isSorted();
      assertThat(distinctSteps()).containsExactly(1, 2, 3); // each passed step recorded once
      assertThat(cluster.server.faultsLeft()).as("every injected fault was answered").isZero();
    }
  }

  private List<Integer> ledgerWeights() {
    List<Integer> weights = new ArrayList<>();
    for (JsonElement e : cluster.status().getAsJsonArray("ledger")) {
      weights.add(e.getAsJsonObject().get("weight").getAsInt());
    }
    return weights;
  }

  private List<Integer> distinctSteps() {
    List<Integer> steps = new ArrayList<>();
    for (JsonElement e : cluster.status().getAsJsonArray("ledger")) {
      int step = e.getAsJsonObject().get("step").getAsInt();
      if (steps.isEmpty() || steps.get(steps.size() - 1) != step) {
        steps.add(step);
      }
    }
    return steps;
  }
}
