package io.theseus.bench.prometheus;

import io.theseus.config.AnalysisConfig;
import io.theseus.config.MetricSpec;
import io.theseus.metrics.prometheus.PrometheusMetricsProvider;
import io.theseus.metrics.prometheus.PrometheusOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs ticks of the real provider against a loopback HTTP server that answers like Prometheus and
 * counts the requests it receives.
 */
final class LoopbackTicks {

  record Result(int ticks, long requests, double medianMsPerTick) {}

  private LoopbackTicks() {}

  static Result run(AnalysisConfig config, int ticks) throws Exception {
    Vertx vertx = Vertx.vertx();
    AtomicLong requests = new AtomicLong();
    String ratio = Bodies.batchedRatio();
    String histogram = Bodies.batchedHistogram();
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  req.setExpectMultipart(true);
                  req.endHandler(
                      v -> {
                        requests.incrementAndGet();
                        boolean buckets = req.getFormAttribute("query").contains("_bucket");
                        req.response().end(buckets ? histogram : ratio);
                      });
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    var provider =
        new PrometheusMetricsProvider(
            vertx,
            PrometheusOptions.of(
                URI.create("http://127.0.0.1:" + server.actualPort()), Duration.ofSeconds(15)));
    double[] ms = new double[ticks];
    Instant end = Instant.ofEpochSecond(1764489600);
    for (int t = 0; t < ticks; t++) {
      long started = System.nanoTime();
      List<Future<?>> fetches = new ArrayList<>();
      for (MetricSpec metric : config.metrics()) {
        fetches.add(provider.fetch(metric, ProviderBench.CONTEXT, end));
      }
      Future.all(fetches).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      ms[t] = (System.nanoTime() - started) / 1e6;
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    Arrays.sort(ms);
    return new Result(ticks, requests.get(), ms[ticks / 2]);
  }
}
