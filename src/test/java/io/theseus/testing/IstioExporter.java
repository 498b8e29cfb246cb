package io.theseus.testing;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.theseus.playground.ScrapeTarget;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A test exporter with Istio's standard metric and label names ({@code istio_requests_total},
 * {@code istio_request_duration_milliseconds_bucket}; reporter, destination_workload,
 * destination_workload_namespace, destination_service_name, destination_version, response_code),
 * served at {@code /metrics} on a free loopback port. Counts are set by the test, exactly.
 */
public final class IstioExporter implements AutoCloseable {

  /** Istio's default request duration buckets, in milliseconds. */
  public static final double[] BUCKETS_MS = {
    1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000,
    3600000
  };

  /** One destination workload. */
  public record Workload(String namespace, String service, String workload, String version) {}

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter requests;
  private final Histogram duration;
  private final Set<List<String>> seen = new HashSet<>();
  private final Set<String> hidden = new HashSet<>();
  private HttpServer server;

  private IstioExporter() {
    String[] labels = {
      "reporter",
      "destination_workload",
      "destination_workload_namespace",
      "destination_service_name",
      "destination_version",
      "response_code"
    };
    requests =
        Counter.builder()
            .name("istio_requests_total")
            .help("Requests")
            .labelNames(labels)
            .register(registry);
    duration =
        Histogram.builder()
            .name("istio_request_duration_milliseconds")
            .help("Request duration")
            .labelNames(labels)
            .classicOnly()
            .classicUpperBounds(BUCKETS_MS)
            .register(registry);
  }

  /** Starts serving; blocks the calling (test) thread until listening. */
  public static IstioExporter start(Vertx vertx) {
    IstioExporter exporter = new IstioExporter();
    try {
      exporter.server =
          vertx
              .createHttpServer()
              .requestHandler(
                  req ->
                      req.response()
                          .putHeader("Content-Type", PrometheusTextFormatWriter.CONTENT_TYPE)
                          .end(exporter.scrape()))
              .listen(0, "127.0.0.1")
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("test exporter did not start", e);
    }
    return exporter;
  }

  /** The scrape target, job {@code istio}. */
  public ScrapeTarget target() {
    return ScrapeTarget.local("istio", server.actualPort());
  }

  /**
   * Records {@code count} requests answered {@code code} in {@code latencyMs} each. A count of 0
   * creates the series at zero, as a long-running Istio proxy would have it.
   */
  public synchronized void serve(Workload w, int code, double latencyMs, long count) {
    if (hidden.contains(w.workload())) {
      return;
    }
    List<String> labels =
        List.of(
            "destination",
            w.workload(),
            w.namespace(),
            w.service(),
            w.version(),
            Integer.toString(code));
    seen.add(labels);
    String[] values = labels.toArray(String[]::new);
    requests.labelValues(values).inc(count);
    var histogram = duration.labelValues(values);
    for (long i = 0; i < count; i++) {
      histogram.observe(latencyMs);
    }
  }

  /** Stops exposing every series of {@code workload}, as when its pods are gone. */
  public synchronized void hide(String workload) {
    hidden.add(workload);
    for (List<String> labels : new ArrayList<>(seen)) {
      if (labels.get(1).equals(workload)) {
        String[] values = labels.toArray(String[]::new);
        requests.remove(values);
        duration.remove(values);
        seen.remove(labels);
      }
    }
  }

  private synchronized Buffer scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }

  @Override
  public void close() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("test exporter did not stop", e);
    }
  }
}
