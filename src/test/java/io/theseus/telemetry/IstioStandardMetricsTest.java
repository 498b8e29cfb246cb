package io.theseus.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IstioStandardMetricsTest {

  private static final IstioWorkloadPair CANARY =
      new IstioWorkloadPair(
          "istio-ingressgateway", "istio-system", "demo", "shop", "shop-v2", "v2");
  private static final IstioWorkloadPair STABLE =
      new IstioWorkloadPair(
          "istio-ingressgateway", "istio-system", "demo", "shop", "shop-v1", "v1");

  @Test
  void exportsIstioRequestsTotalWithIstiosLabelsAndRealisticValues() {
    var metrics = new IstioStandardMetrics();
    metrics.record(CANARY, 200, "-", 12.5);
    metrics.record(CANARY, 200, "-", 30);
    metrics.record(CANARY, 503, "UH", 0.2);

    List<ExpositionSample> totals = samples(metrics, "istio_requests_total");
    assertThat(totals).hasSize(2);
    ExpositionSample ok = only(totals, "200");
    assertThat(ok.value()).isEqualTo(2.0);
    assertThat(ok.labels().keySet())
        .containsExactlyInAnyOrderElementsOf(IstioStandardMetrics.LABELS);
    assertThat(ok.labels())
        .containsEntry("reporter", "destination")
        .containsEntry("source_workload", "istio-ingressgateway")
        .containsEntry("destination_workload", "shop-v2")
        .containsEntry("destination_workload_namespace", "demo")
        .containsEntry("destination_service", "shop.demo.svc.cluster.local")
        .containsEntry("destination_service_name", "shop")
        .containsEntry("destination_service_namespace", "demo")
        .containsEntry("destination_version", "v2")
        .containsEntry("destination_app", "shop")
        .containsEntry("request_protocol", "http")
        .containsEntry("response_flags", "-")
        .containsEntry("connection_security_policy", "mutual_tls")
        .containsEntry("grpc_response_status", "");
    assertThat(only(totals, "503").label("response_flags")).isEqualTo("UH");
  }

  @Test
  void exportsDurationBucketsAtIstiosDefaultBoundsCumulativeAndConsistentWithCount() {
    var metrics = new IstioStandardMetrics();
    double[] durations = {0.3, 0.7, 3, 7, 20, 20, 45, 99, 240, 480, 900, 2400, 4000, 70_000};
    for (double d : durations) {
      metrics.record(STABLE, 200, "-", d);
    }

    List<ExpositionSample> buckets = samples(metrics, "istio_request_duration_milliseconds_bucket");
    assertThat(buckets)
        .extracting(b -> Double.parseDouble(b.label("le").replace("+Inf", "Infinity")))
        .containsExactlyElementsOf(
            concat(IstioStandardMetrics.BUCKETS_MS, Double.POSITIVE_INFINITY));
    for (ExpositionSample bucket : buckets) {
      double le = Double.parseDouble(bucket.label("le").replace("+Inf", "Infinity"));
      long expected = Arrays.stream(durations).filter(d -> d <= le).count();
      assertThat(bucket.value()).as("bucket le=%s", le).isEqualTo((double) expected);
    }
    double count = samples(metrics, "istio_request_duration_milliseconds_count").get(0).value();
    double sum = samples(metrics, "istio_request_duration_milliseconds_sum").get(0).value();
    assertThat(count).isEqualTo(buckets.get(buckets.size() - 1).value()).isEqualTo(14.0);
    assertThat(sum).isCloseTo(Arrays.stream(durations).sum(), within(1e-6));
  }

  @Test
  void givesEachVersionItsOwnSeriesSoQueriesCanSplitByDestinationVersion() {
    var metrics = new IstioStandardMetrics();
    metrics.record(STABLE, 200, "-", 10);
    metrics.record(CANARY, 200, "-", 10);
    metrics.record(CANARY, 500, "-", 10);

    Map<String, Double> byVersion =
        samples(metrics, "istio_requests_total").stream()
            .collect(
                Collectors.groupingBy(
                    s -> s.label("destination_version"),
                    Collectors.summingDouble(ExpositionSample::value)));
    assertThat(byVersion).containsExactlyInAnyOrderEntriesOf(Map.of("v1", 1.0, "v2", 2.0));
    assertThat(metrics.scrape())
        .contains("# TYPE istio_requests_total counter")
        .contains("# TYPE istio_request_duration_milliseconds histogram");
  }

  private static List<ExpositionSample> samples(IstioStandardMetrics metrics, String name) {
    return ExpositionSample.parse(metrics.scrape()).stream()
        .filter(s -> s.name().equals(name))
        .toList();
  }

  private static ExpositionSample only(List<ExpositionSample> samples, String responseCode) {
    return samples.stream()
        .filter(s -> s.label("response_code").equals(responseCode))
        .findFirst()
        .orElseThrow();
  }

  private static List<Double> concat(List<Double> bounds, double last) {
    var all = new ArrayList<>(bounds);
    all.add(last);
    return all;
  }
}
