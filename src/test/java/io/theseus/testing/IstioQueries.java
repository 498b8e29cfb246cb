package io.theseus.testing;

import io.theseus.config.Direction;
import io.theseus.config.MetricKind;
import io.theseus.config.MetricSpec;
import io.theseus.config.Tolerance;
import java.util.Map;

/** Analysis-config metrics over Istio's standard metrics, as users write them. */
public final class IstioQueries {

  /** The selector of one version's server-side requests. */
  public static final String SELECTOR =
      "reporter=\"destination\",destination_workload_namespace=\"{{namespace}}\","
          + "destination_service_name=\"{{service}}\",destination_workload=\"{{workload}}\"";

  /** Requests in the window. */
  public static final String TOTAL =
      "sum(increase(istio_requests_total{" + SELECTOR + "}[{{window}}]))";

  /** 5xx answers in the window. */
  public static final String ERRORS =
      "sum(increase(istio_requests_total{" + SELECTOR + ",response_code=~\"5..\"}[{{window}}]))";

  /** Latency buckets in the window, milliseconds. */
  public static final String BUCKETS =
      "sum by (le) (increase(istio_request_duration_milliseconds_bucket{"
          + SELECTOR
          + "}[{{window}}]))";

  private IstioQueries() {}

  /** The error-rate metric. */
  public static MetricSpec errorRate() {
    return ratio("error-rate", TOTAL, ERRORS);
  }

  /** A ratio metric with the given templates. */
  public static MetricSpec ratio(String name, String total, String errors) {
    return new MetricSpec(
        name,
        MetricKind.RATIO,
        Map.of("total", total, "errors", errors),
        Direction.INCREASE,
        new Tolerance(null, 0.01),
        true,
        1,
        0.99);
  }

  /** The latency metric. */
  public static MetricSpec latency() {
    return new MetricSpec(
        "latency",
        MetricKind.HISTOGRAM,
        Map.of("buckets", BUCKETS),
        Direction.INCREASE,
        new Tolerance(0.2, 25.0),
        true,
        1,
        0.99);
  }

  /** A gauge metric with the given template. */
  public static MetricSpec gauge(String name, String value) {
    return new MetricSpec(
        name,
        MetricKind.GAUGE,
        Map.of("value", value),
        Direction.INCREASE,
        new Tolerance(0.2, null),
        false,
        1,
        0.99);
  }
}
