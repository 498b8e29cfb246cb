package io.theseus.metrics.prometheus;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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

  /**
   * The series of a successful ({@code "status":"success"}) vector or matrix answer, read in one
   * streaming pass (answers of batched histogram queries hold dozens of series every tick).
   */
  public static List<PromSeries> series(String metric, byte[] body) {
    try (JsonParser p = JSON.getFactory().createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw malformed(metric, "not a JSON object", body);
      }
      Answer answer = new Answer();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "status" -> answer.status = p.getText();
          case "data" -> readData(metric, p, answer, body);
          default -> p.skipChildren();
        }
      }
      return answer.series(metric, body);
    } catch (JsonProcessingException e) {
      throw malformed(metric, "not JSON (" + e.getOriginalMessage() + ")", body);
    } catch (IOException e) {
      throw malformed(metric, "unreadable (" + e.getMessage() + ")", body);
    }
  }

  /** What one pass collects; checked once the whole body was read. */
  private static final class Answer {
    String status;
    String type;
    List<PromSeries> result = new ArrayList<>();

    List<PromSeries> series(String metric, byte[] body) {
      if (!"success".equals(status)) {
        throw malformed(metric, "status is not success", body);
      }
      if (!"vector".equals(type) && !"matrix".equals(type)) {
        throw new MetricQueryException(
            Kind.INVALID_QUERY,
            "metric " + metric + ": the query must return a vector, got " + type,
            null);
      }
      return result;
    }
  }

  /**
   * The failure for a non-200 answer: 400/422 {@code bad_data} is an INVALID_QUERY, 503/504 and
   * other statuses are HTTP failures; the message holds Prometheus's {@code error} when present,
   * with a parse error's position given within the role's own query.
   */
  public static MetricQueryException httpFailure(PromqlBatch batch, int status, byte[] body) {
    String detail;
    String errorType = "";
    try {
      JsonNode root = JSON.readTree(body);
      errorType = root.path("errorType").asText("");
      detail =
          root.has("error")
              ? errorType + ": " + ParseErrorLocation.explain(batch, root.path("error").asText())
              : excerpt(body);
    } catch (IOException notJson) {
      detail = excerpt(body);
    }
    Kind kind = "bad_data".equals(errorType) ? Kind.INVALID_QUERY : Kind.HTTP;
    return new MetricQueryException(
        kind,
        "metric " + batch.metric() + ": Prometheus answered HTTP " + status + ": " + detail,
        null);
  }

  private static void readData(String metric, JsonParser p, Answer answer, byte[] body)
      throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw malformed(metric, "data is not an object", body);
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals("resultType")) {
        answer.type = p.getText();
      } else if (field.equals("result") && p.currentToken() == JsonToken.START_ARRAY) {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          if (t == null) {
            throw malformed(metric, "result array not closed", body);
          } else if (t == JsonToken.START_OBJECT) {
            answer.result.add(readSeries(metric, p, body));
          } else {
            p.skipChildren(); // a scalar's [time, value]: its resultType rejects it below
          }
        }
      } else {
        p.skipChildren();
      }
    }
  }

  private static PromSeries readSeries(String metric, JsonParser p, byte[] body)
      throws IOException {
    Map<String, String> labels = Map.of();
    List<double[]> points = new ArrayList<>(1);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "metric" -> labels = readLabels(p);
        case "value" -> points.add(readPoint(metric, p, body));
        case "values" -> {
          while (p.nextToken() == JsonToken.START_ARRAY) {
            points.add(readPoint(metric, p, body));
          }
        }
        default -> p.skipChildren();
      }
    }
    if (points.isEmpty()) {
      throw malformed(metric, "series without samples", body);
    }
    long[] times = new long[points.size()];
    double[] values = new double[points.size()];
    for (int i = 0; i < times.length; i++) {
      times[i] = Math.round(points.get(i)[0] * 1000);
      values[i] = points.get(i)[1];
    }
    return new PromSeries(labels, times, values);
  }

  private static Map<String, String> readLabels(JsonParser p) throws IOException {
    Map<String, String> labels = new HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      labels.put(name, p.getText());
    }
    return labels;
  }

  /** {@code [seconds, "value"]}: the parser stands on the opening bracket. */
  private static double[] readPoint(String metric, JsonParser p, byte[] body) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY || !p.nextToken().isNumeric()) {
      throw malformed(metric, "sample without [time, value]", body);
    }
    double seconds = p.getDoubleValue();
    if (p.nextToken() != JsonToken.VALUE_STRING) {
      throw malformed(metric, "sample value is not a string", body);
    }
    double value = value(metric, p.getText(), body);
    if (p.nextToken() != JsonToken.END_ARRAY) {
      throw malformed(metric, "sample without [time, value]", body);
    }
    return new double[] {seconds, value};
  }

  private static double value(String metric, String text, byte[] body) {
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
