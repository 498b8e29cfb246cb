package io.theseus.bench.prometheus;

import java.util.ArrayList;
import java.util.List;

/**
 * Prometheus answers shaped like the real ones for the default analysis config (error-rate and
 * latency with Istio's 18 duration buckets plus +Inf), batched and per version.
 */
final class Bodies {

  static final String[] LE = {
    "1", "5", "10", "25", "50", "100", "250", "500", "1000", "2500", "5000", "10000", "30000",
    "60000", "300000", "600000", "1800000", "3600000", "+Inf"
  };
  private static final String TIME = "1764489600.123";

  private Bodies() {}

  /** The batched error-rate answer: total, errors and freshness probe for both versions. */
  static String batchedRatio() {
    List<String> series = new ArrayList<>();
    for (String v : List.of("stable", "canary")) {
      series.add(point(tagged(v, "total", ""), v.equals("stable") ? "9931.034482758621" : "101"));
      series.add(point(tagged(v, "errors", ""), "9.310344827586206"));
      series.add(point(tagged(v, "fresh", ""), "1"));
    }
    return vector(series);
  }

  /** The batched latency answer: every bucket, and the probe count, for both versions. */
  static String batchedHistogram() {
    List<String> series = new ArrayList<>();
    for (String v : List.of("stable", "canary")) {
      for (int i = 0; i < LE.length; i++) {
        series.add(point(tagged(v, "buckets", ",\"le\":\"" + LE[i] + "\""), count(i)));
      }
      series.add(point(tagged(v, "fresh", ""), Integer.toString(LE.length)));
    }
    return vector(series);
  }

  /** One version's single-series answer, as a per-version peer receives it. */
  static String single(String value) {
    return vector(List.of(point("{}", value)));
  }

  /** One version's buckets, as a per-version peer receives them. */
  static String perVersionHistogram() {
    List<String> series = new ArrayList<>();
    for (int i = 0; i < LE.length; i++) {
      series.add(point("{\"le\":\"" + LE[i] + "\"}", count(i)));
    }
    return vector(series);
  }

  private static String count(int bucket) {
    return Double.toString(Math.min(9931.03, 37.1 * Math.pow(2.2, bucket)));
  }

  private static String tagged(String version, String role, String extra) {
    return "{\"theseus_role\":\""
        + role
        + "\",\"theseus_version\":\""
        + version
        + "\""
        + extra
        + "}";
  }

  private static String point(String metric, String value) {
    return "{\"metric\":" + metric + ",\"value\":[" + TIME + ",\"" + value + "\"]}";
  }

  private static String vector(List<String> series) {
    return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
        + String.join(",", series)
        + "]}}";
  }
}
