package io.theseus.telemetry;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Istio's standard request metrics ({@code istio_requests_total}, {@code
 * istio_request_duration_milliseconds}) with Istio's names, labels and default millisecond buckets,
 * as an Envoy sidecar reporting for the destination exports them. The playground's mesh proxy
 * records every request here, so queries written for a real mesh run unchanged against the demo.
 * Each instance has its own registry: several proxies can run in one JVM.
 */
public final class IstioStandardMetrics {

  /** Content type of {@link #scrape()}: the Prometheus text format 0.0.4. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  /** Istio's default buckets for istio_request_duration_milliseconds, in milliseconds. */
  public static final List<Double> BUCKETS_MS =
      List.of(
          0.5, 1.0, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0, 10000.0,
          30000.0, 60000.0, 300000.0, 600000.0, 1800000.0, 3600000.0);

  /** The label names, in the order Istio's Envoy stats filter writes them. */
  public static final List<String> LABELS =
      List.of(
          "reporter",
          "source_workload",
          "source_workload_namespace",
          "source_principal",
          "source_app",
          "source_cluster",
          "destination_workload",
          "destination_workload_namespace",
          "destination_principal",
          "destination_app",
          "destination_version",
          "destination_service",
          "destination_service_name",
          "destination_service_namespace",
          "destination_canonical_service",
          "destination_canonical_revision",
          "destination_cluster",
          "request_protocol",
          "response_code",
          "grpc_response_status",
          "response_flags",
          "connection_security_policy");

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Counter requests;
  private final Histogram duration;

  /** Creates the two metrics in a fresh registry of their own. */
  public IstioStandardMetrics() {
    String[] labels = LABELS.toArray(String[]::new);
    requests =
        Counter.builder()
            .name("istio_requests_total")
            .help("Requests handled by the destination proxy")
            .labelNames(labels)
            // No tracing here: exemplar sampling would only add a scheduler thread and its cost.
            .withoutExemplars()
            .register(registry);
    duration =
        Histogram.builder()
            .name("istio_request_duration_milliseconds")
            .help("Request duration at the destination proxy, in milliseconds")
            .classicOnly()
            .withoutExemplars()
            .classicUpperBounds(BUCKETS_MS.stream().mapToDouble(Double::doubleValue).toArray())
            .labelNames(labels)
            .register(registry);
  }

  /**
   * Records one completed request.
   *
   * @param pair source and destination of the request
   * @param responseCode HTTP status returned to the caller
   * @param responseFlags Envoy response flags ({@code -} when none, {@code UH}, {@code UF}, {@code
   *     UT})
   * @param durationMs time from the request's arrival to the end of the response, milliseconds
   */
  public void record(
      IstioWorkloadPair pair, int responseCode, String responseFlags, double durationMs) {
    String[] values = labelValues(pair, responseCode, responseFlags);
    requests.labelValues(values).inc();
    duration.labelValues(values).observe(durationMs);
  }

  /** The current values in the Prometheus text format ({@link #CONTENT_TYPE}). */
  public String scrape() {
    var out = new ByteArrayOutputStream();
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String[] labelValues(IstioWorkloadPair p, int responseCode, String flags) {
    return new String[] {
      "destination",
      p.sourceWorkload(),
      p.sourceNamespace(),
      principal(p.sourceNamespace(), p.sourceWorkload() + "-service-account"),
      p.sourceWorkload(),
      "Kubernetes",
      p.workload(),
      p.namespace(),
      principal(p.namespace(), p.service()),
      p.service(),
      p.version(),
      p.service() + "." + p.namespace() + ".svc.cluster.local",
      p.service(),
      p.namespace(),
      p.service(),
      p.version(),
      "Kubernetes",
      "http",
      Integer.toString(responseCode),
      "",
      flags,
      "mutual_tls"
    };
  }

  private static String principal(String namespace, String serviceAccount) {
    return "spiffe://cluster.local/ns/" + namespace + "/sa/" + serviceAccount;
  }
}
