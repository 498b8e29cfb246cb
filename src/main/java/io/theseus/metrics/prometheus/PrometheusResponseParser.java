package io.theseus.metrics.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theseus.analysis.MetricEvidence;
import io.theseus.config.MetricKind;
import io.theseus.metrics.MetricQueryException;
import io.theseus.metrics.MetricQueryException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns Prometheus HTTP API answers into evidence (pure: bytes in, values or typed exceptions out).
 * Reads instant vectors and matrices; an error body becomes a {@link MetricQueryException} carrying
 * Prometheus's own {@code errorType} and {@code error}.
 */
public final class PrometheusResponseParser {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_IN_MESSAGE = 300;

  private PrometheusResponseParser() {}

  /**
   * The evidence of a batched answer.
   *
   * @throws io.theseus.metrics.NoDataException when a version has no data or NaN
   * @throws io.theseus.metrics.StaleDataException when a version's newest sample is too old
   * @throws MetricQueryException MALFORMED for a body that is not the API's JSON, INVALID_QUERY for
   *     an answer the metric kind cannot use (no {@code le}, several gauge series)
   */
  public static MetricEvidence evidence(
      PromqlBatch batch, MetricKind kind, java.time.Duration staleAfter, byte[] body) {
    List<PromSeries> series = series(batch.metric(), body);
    return BatchEvidence.of(batch, kind, staleAfter, series);
  }

  /** The series of a successful ({@code "status":"success"}) vector or matrix answer. */
  public static List<PromSeries> series(String metric, byte[] body) {
    JsonNode root = read(metric, body);
    if (!"success".equals(root.path("status").asText())) {
      throw malformed(metric, "status is not success", body);
    }
    JsonNode data = root.path("data");
    String type = data.path("resultType").asText();
    boolean matrix = "matrix".equals(type);
    if (!matrix && !"vector".equals(type)) {
      throw new MetricQueryException(
          Kind.INVALID_QUERY,
          "metric " + metric + ": the query must return a vector, got " + type,
          null);
    }
    List<PromSeries> result = new ArrayList<>();
    for (JsonNode element : data.path("result")) {
      result.add(
          matrix ? matrixSeries(metric, element, body) : vectorSeries(metric, element, body));
    }
    return result;
  }

  /**
   * The failure for a non-200 answer: 400/422 {@code bad_data} is an INVALID_QUERY, 503/504 and
   * other statuses are HTTP failures; the message holds Prometheus's {@code error} when present.
   */
  public static MetricQueryException httpFailure(String metric, int status, byte[] body) {
    String detail;
    String errorType = "";
    try {
      JsonNode root = JSON.readTree(body);
      errorType = root.path("errorType").asText("");
      detail = root.has("error") ? errorType + ": " + root.path("error").asText() : excerpt(body);
    } catch (IOException notJson) {
      detail = excerpt(body);
    }
    Kind kind = "bad_data".equals(errorType) ? Kind.INVALID_QUERY : Kind.HTTP;
    return new MetricQueryException(
        kind, "metric " + metric + ": Prometheus answered HTTP " + status + ": " + detail, null);
  }

  private static PromSeries vectorSeries(String metric, JsonNode element, byte[] body) {
    JsonNode point = element.path("value");
    if (point.size() != 2) {
      throw malformed(metric, "vector element without [time, value]", body);
    }
    return new PromSeries(
        labels(element.path("metric")),
        new long[] {timeMs(point.get(0))},
        new double[] {value(metric, point.get(1), body)});
  }

  private static PromSeries matrixSeries(String metric, JsonNode element, byte[] body) {
    JsonNode points = element.path("values");
    long[] times = new long[points.size()];
    double[] values = new double[points.size()];
    for (int i = 0; i < points.size(); i++) {
      JsonNode point = points.get(i);
      if (point.size() != 2) {
        throw malformed(metric, "matrix point without [time, value]", body);
      }
      times[i] = timeMs(point.get(0));
      values[i] = value(metric, point.get(1), body);
    }
    if (times.length == 0) {
      throw malformed(metric, "matrix series without values", body);
    }
    return new PromSeries(labels(element.path("metric")), times, values);
  }

  private static Map<String, String> labels(JsonNode metric) {
    Map<String, String> labels = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = metric.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> label = fields.next();
      labels.put(label.getKey(), label.getValue().asText());
    }
    return labels;
  }

  private static long timeMs(JsonNode seconds) {
    return Math.round(seconds.asDouble() * 1000);
  }

  private static double value(String metric, JsonNode value, byte[] body) {
    if (!value.isTextual()) {
      throw malformed(metric, "sample value is not a string", body);
    }
    String text = value.asText();
    switch (text) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        try {
          return Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw malformed(metric, "sample value " + text + " is not a number", body);
        }
    }
  }

  private static JsonNode read(String metric, byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || !root.isObject()) {
        throw malformed(metric, "not a JSON object", body);
      }
      return root;
    } catch (JsonProcessingException e) {
      throw malformed(metric, "not JSON (" + e.getOriginalMessage() + ")", body);
    } catch (IOException e) {
      throw malformed(metric, "unreadable (" + e.getMessage() + ")", body);
    }
  }

  private static MetricQueryException malformed(String metric, String why, byte[] body) {
    return new MetricQueryException(
        Kind.MALFORMED,
        "metric " + metric + ": malformed Prometheus answer: " + why + ": " + excerpt(body),
        null);
  }

  private static String excerpt(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return text.length() <= MAX_BODY_IN_MESSAGE
        ? text
        : text.substring(0, MAX_BODY_IN_MESSAGE) + "...";
  }
}
