package io.theseus.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusProcessIT {

  private static Vertx vertx;
  private static HttpServer exporter;

  @BeforeAll
  static void startExporter() throws Exception {
    vertx = Vertx.vertx();
    exporter =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.response()
                        .putHeader("Content-Type", "text/plain; version=0.0.4")
                        .end("# TYPE demo_up gauge\ndemo_up{side=\"a\"} 1\n"))
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopExporter() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void scrapesTargetsSurvivesAKillAndStopsOnClose(@TempDir Path dir) {
    ScrapeTarget target = ScrapeTarget.local("demo", exporter.actualPort());
    PrometheusProcess prometheus;
    try (PrometheusProcess p = PrometheusProcess.start(dir, List.of(target))) {
      prometheus = p;
      assertThat(p.port()).isPositive();
      QueryAnswer answer = p.awaitData("demo_up{job=\"demo\"}", Duration.ofSeconds(30));
      assertThat(answer.body()).contains("\"side\":\"a\"");

      int port = p.port();
      p.kill();
      assertThat(p.isRunning()).isFalse();
      p.restart();
      assertThat(p.port()).isEqualTo(port);
      assertThat(p.awaitData("demo_up", Duration.ofSeconds(30)).hasData()).isTrue();
    }
    assertThat(prometheus.isRunning()).isFalse();
  }

  @Test
  void missingBinaryNamesTheInstallCommand(@TempDir Path dir) {
    PrometheusProcess.Settings settings =
        PrometheusProcess.Settings.of(dir, List.of()).withBinary(dir.resolve("no-prometheus"));

    assertThatThrownBy(() -> PrometheusProcess.start(settings))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apt-get install -y --no-install-recommends prometheus")
        .hasMessageContaining("no-prometheus");
  }

  @Test
  void refusesToBlockAnEventLoop(@TempDir Path dir) throws Exception {
    CompletableFuture<String> refusal = new CompletableFuture<>();
    vertx.runOnContext(
        v -> {
          try {
            PrometheusProcess.start(dir, List.of()).close();
            refusal.complete("started on an event loop");
          } catch (IllegalStateException e) {
            refusal.complete(e.getMessage());
          }
        });

    assertThat(refusal.get(10, TimeUnit.SECONDS)).contains("call it from a worker thread");
  }
}
