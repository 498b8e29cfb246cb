package io.theseus.daemon;

import static io.theseus.daemon.ClusterRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.theseus.config.TheseusConfig;
import io.theseus.controller.RolloutView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The daemon follows CanaryRollouts through its informer's watch: with the periodic pass 10 minutes
 * away, only a watch event explains a rollout being started, restarted on a spec change or stopped
 * on delete within seconds.
 */
class DaemonWatchIT {

  private static final Map<String, String> LONG_RESYNC =
      Map.of(TheseusConfig.RESYNC_PERIOD, "10m", TheseusConfig.NAMESPACES, "shop");

  private final ClusterRig cluster = new ClusterRig();

  @AfterEach
  void close() throws Exception {
    cluster.close();
  }

  @Test
  void startsARolloutCreatedAfterTheDaemonWithinSecondsNotAtTheNextResync() {
    try (var daemon = cluster.start("theseus-a", LONG_RESYNC)) {
      await("synced", Duration.ofSeconds(10), () -> daemon.daemon.supervisor().synced());
      long created = System.nanoTime();
      cluster.canaryRollout(ClusterRig.spec());
      await("running", Duration.ofSeconds(10), () -> !views(daemon).isEmpty());

      assertThat(Duration.ofNanos(System.nanoTime() - created)).isLessThan(Duration.ofSeconds(5));
      await("Succeeded", Duration.ofSeconds(60), () -> cluster.phase().equals("Succeeded"));
      assertThat(cluster.mesh.weights()).containsExactly(0, 1, 20, 50, 100);
    }
  }

  @Test
  void restartsTheControllerWhenTheSpecGenerationChanges() {
    try (var daemon = cluster.start("theseus-a", LONG_RESYNC)) {
      cluster.canaryRollout(ClusterRig.spec());
      await("running", Duration.ofSeconds(10), () -> !views(daemon).isEmpty());
      JsonObject changed = ClusterRig.spec();
      changed.addProperty("progressDeadline", "2m");
      cluster.replaceSpec(changed);

      assertThat(cluster.generation()).isEqualTo(2);
      await(
          "the controller of generation 2",
          Duration.ofSeconds(10),
          () ->
              views(daemon).stream()
                  .anyMatch(
                      v -> v.spec().limits().progressDeadline().equals(Duration.ofMinutes(2))));
      await("Succeeded", Duration.ofSeconds(60), () -> cluster.phase().equals("Succeeded"));
      assertThat(cluster.mesh.weights()).as("resumed from status, no step twice").isSorted();
    }
  }

  @Test
  void stopsTheControllerWhenTheRolloutIsDeleted() {
    try (var daemon = cluster.start("theseus-a", LONG_RESYNC)) {
      cluster.canaryRollout(ClusterRig.spec());
      await("running", Duration.ofSeconds(10), () -> !views(daemon).isEmpty());
      assertThat(cluster.phase()).as("deleted mid-rollout").isNotEqualTo("Succeeded");
      cluster.deleteRollout();

      await("stopped", Duration.ofSeconds(5), () -> views(daemon).isEmpty());
      assertThat(daemon.daemon.supervisor().synced()).isTrue();
    }
  }

  private static List<RolloutView> views(ClusterRig.Running daemon) {
    return daemon.daemon.supervisor().rollouts();
  }
}
