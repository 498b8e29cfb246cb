package io.theseus.playground;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theseus.routing.RouteWeights;
import io.theseus.routing.local.LocalProxyRouter;
import io.theseus.testing.EventLoopWatch;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A real Prometheus scraping a playground's mesh proxy reads Istio's metrics as from a mesh. */
class PlaygroundPrometheusIT {

  @RegisterExtension final EventLoopWatch vertx = new EventLoopWatch();

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String SERVICE = "destination_service_name=\"latency-regression\"";
  private static final String P50_BY_VERSION =
      "histogram_quantile(0.5, sum by (le, destination_version)"
          + " (rate(istio_request_duration_milliseconds_bucket{reporter=\"destination\","
          + SERVICE
          + "}[10s])))";

  @Test
  void answersRequestCountsAndLatencyQuantilesForBothVersions(@TempDir Path dir) throws Exception {
    var playground =
        new Playground(vertx.get(), PlaygroundSpec.demo(Scenario.latencyRegression(), 100));
    var router = new LocalProxyRouter(List.of(playground.proxy()));
    var target = playground.routeTarget("x-theseus-canary", "latency-regression");
    // 50% is past the scenario's 25% threshold: the canary runs 60% slower there.
    await(playground.start().compose(v -> router.setWeights(target, RouteWeights.canary(50))));
    try (var prometheus = PrometheusProcess.start(dir, List.of(playground.prometheusTarget()))) {
      prometheus.awaitData(
          "count(sum by (destination_version) (istio_requests_total{reporter=\"destination\","
              + SERVICE
              + ",destination_workload=~\"latency-regression-v[12]\"})) == 2",
          WAIT);
      prometheus.awaitData("count(" + P50_BY_VERSION + " > 0) == 2", WAIT);

      Map<String, Double> p50 = byVersion(prometheus.query(P50_BY_VERSION).body());
      // Medians 20 ms vs 32.7 ms by design; a starved machine adds the same delay to both, so
      // only the order is asserted, not the figures.
      assertThat(p50).containsOnlyKeys("v1", "v2");
      assertThat(p50.get("v1")).as("stable p50 ms").isGreaterThan(10.0);
      assertThat(p50.get("v2")).as("canary p50 ms, %s", p50).isGreaterThan(p50.get("v1"));
    } finally {
      await(playground.stop());
    }
  }

  private static Map<String, Double> byVersion(String body) throws Exception {
    Map<String, Double> values = new HashMap<>();
    for (JsonNode series : new ObjectMapper().readTree(body).path("data").path("result")) {
      values.put(
          series.path("metric").path("destination_version").asText(),
          Double.parseDouble(series.path("value").path(1).asText()));
    }
    return values;
  }

  private static void await(Future<?> future) throws Exception {
    future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
