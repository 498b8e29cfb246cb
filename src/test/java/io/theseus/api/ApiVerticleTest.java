package io.theseus.api;

import static io.theseus.controller.OnLoop.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.theseus.controller.RolloutQueries;
import io.theseus.controller.RolloutView;
import io.theseus.controller.TelemetryListener;
import io.theseus.controller.WarmUp;
import io.theseus.telemetry.TheseusMetrics;
import io.theseus.testing.EventLoopWatch;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApiVerticleTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @RegisterExtension final EventLoopWatch vertx = new EventLoopWatch();

  @BeforeAll
  static void loadHttpClassesOffTheCheckedEventLoop() throws Exception {
    WarmUp.http();
  }

  private int start(RolloutView view) throws Exception {
    TheseusMetrics metrics = new TheseusMetrics(new PrometheusRegistry(), "test");
    new TelemetryListener(metrics).onTick(view);
    RolloutQueries queries = new MachineOverrides(view);
    ApiVerticle api = new ApiVerticle(queries, metrics, () -> true, 0);
    await(vertx.get(), () -> vertx.get().deployVerticle(api));
    return api.actualPort();
  }

  private HttpResponse<Buffer> get(int port, String path) throws Exception {
    WebClient client = WebClient.create(vertx.get());
    return await(vertx.get(), () -> client.get(port, "127.0.0.1", path).timeout(5000).send());
  }

  @Test
  void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws Exception {
    int port = start(ApiViews.shopAt25());
    try (Socket silent = new Socket("127.0.0.1", port)) {
      silent.setSoTimeout((ApiVerticle.IDLE_TIMEOUT_SECONDS + 15) * 1000);
      long started = System.nanoTime();
      assertThat(silent.getInputStream().read()).as("closed by the server").isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(ApiVerticle.IDLE_TIMEOUT_SECONDS - 1));
    }
  }

  @Test
  void servesOneRolloutWithPhaseWeightAndVerdicts() throws Exception {
    int port = start(ApiViews.shopAt25());
    HttpResponse<Buffer> one = get(port, "/api/v1/rollouts/demo/shop");
    assertThat(one.statusCode()).isEqualTo(200);
    JsonObject body = one.bodyAsJsonObject();
    assertThat(body.getString("phase")).isEqualTo("Progressing");
    assertThat(body.getInteger("weight")).isEqualTo(25);
    assertThat(body.getJsonObject("analysis").getLong("canaryRequests")).isEqualTo(4321);
    assertThat(
            body.getJsonObject("analysis")
                .getJsonArray("metrics")
                .getJsonObject(0)
                .getDouble("limit"))
        .isEqualTo(0.003);
    assertThat(body.getJsonObject("analysis").getJsonArray("performance").getJsonObject(0))
        .isEqualTo(
            new JsonObject()
                .put("hook", "checkout-perf")
                .put("weight", 1)
                .put("p95Millis", 87.5)
                .put("requests", 20));
  }

  @Test
  void listsRolloutsAndAnswers404ForAnUnknownOne() throws Exception {
    int port = start(ApiViews.shopAt25());
    assertThat(get(port, "/api/v1/rollouts").bodyAsJsonObject().getJsonArray("items")).hasSize(1);
    HttpResponse<Buffer> missing = get(port, "/api/v1/rollouts/demo/other");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.bodyAsJsonObject().getString("error"))
        .isEqualTo("rollout demo/other not found");
  }

  @Test
  void servesHealthReadinessAndTheRolloutMetrics() throws Exception {
    int port = start(ApiViews.shopAt25());
    assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
    assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
    String metrics = get(port, "/metrics").bodyAsString();
    assertThat(metrics)
        .contains("theseus_rollout_canary_weight{namespace=\"demo\",rollout=\"shop\"} 25.0")
        .contains(
            "theseus_rollout_phase{namespace=\"demo\",phase=\"Progressing\",rollout=\"shop\"} 1.0")
        .contains(
            "theseus_decisions_total{decision=\"HOLD\",namespace=\"demo\",rollout=\"shop\"} 1.0")
        .contains("theseus_tick_duration_seconds_count{namespace=\"demo\",rollout=\"shop\"} 1")
        .contains(
            "theseus_metric_evalue_threshold{metric=\"error-rate\",namespace=\"demo\","
                + "rollout=\"shop\"} 400.0");
  }
}
