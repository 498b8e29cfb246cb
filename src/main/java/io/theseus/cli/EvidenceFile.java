package io.theseus.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.theseus.analysis.MetricEvidence;
import io.theseus.analysis.TickEvidence;
import io.theseus.config.AnalysisConfig;
import io.theseus.config.MetricSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the evidence file of {@code theseus judge} (docs/judge.md, DESIGN.md §4): {@code {"ticks":
 * [{"time", "weight", "metrics": {name: {"stable": ..., "canary": ...}}, "missing"?}]}}, counts per
 * tick window, histogram buckets cumulative over {@code le}. Everything is checked before judging;
 * the first problem is reported naming the tick and field.
 */
final class EvidenceFile {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          // a second document or garbage after the first is a corrupted file, not one to half-read
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final String TIME_FORMAT = " (allowed: RFC 3339, e.g. 2026-01-01T10:00:30Z)";

  private final EvidenceFields fields;
  private final SampleReader samples;
  private final AnalysisConfig config;

  private EvidenceFile(Path file, AnalysisConfig config) {
    this.fields = new EvidenceFields(file.toString());
    this.samples = new SampleReader(fields);
    this.config = config;
  }

  /**
   * The file's ticks, in order.
   *
   * @throws EvidenceException on malformed JSON, a missing or bad field, a gap between ticks, or a
   *     metric the config does not have
   */
  static List<TickEvidence> read(Path file, AnalysisConfig config) {
    return new EvidenceFile(file, config).ticks(parse(file));
  }

  private List<TickEvidence> ticks(JsonNode root) {
    fields.object(root, "(root)");
    fields.onlyKeys(root, "(root)", List.of("ticks"));
    JsonNode ticks = fields.required(root, "(root)", "ticks");
    if (!ticks.isArray() || ticks.isEmpty()) {
      throw fields.problem(
          "ticks", "must be a non-empty array of ticks, got " + EvidenceFields.describe(ticks));
    }
    List<TickEvidence> result = new ArrayList<>();
    for (int i = 0; i < ticks.size(); i++) {
      TickEvidence tick = tick(ticks.get(i), "ticks[" + i + "]");
      if (!result.isEmpty()) {
        checkFollows(result.get(result.size() - 1).time(), tick.time(), i);
      }
      result.add(tick);
    }
    return result;
  }

  private static JsonNode parse(Path file) {
    try {
      return MAPPER.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw new EvidenceException(file + where + ": malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      String detail = e.getMessage() == null ? "" : " " + e.getMessage();
      throw new EvidenceException(
          file + ": cannot be read: " + e.getClass().getSimpleName() + detail);
    }
  }

  private TickEvidence tick(JsonNode node, String path) {
    fields.object(node, path);
    fields.onlyKeys(node, path, List.of("time", "weight", "metrics", "missing"));
    Instant time = time(fields.required(node, path, "time"), path + ".time");
    long weight = fields.count(fields.required(node, path, "weight"), path + ".weight");
    if (weight > 100) {
      throw fields.problem(path + ".weight", weight + " is above 100 (allowed: 0-100 percent)");
    }
    JsonNode metrics = fields.object(fields.required(node, path, "metrics"), path + ".metrics");
    Map<String, MetricEvidence> evidence = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry :
        (Iterable<Map.Entry<String, JsonNode>>) metrics::fields) {
      String at = path + ".metrics." + entry.getKey();
      evidence.put(
          entry.getKey(), samples.evidence(spec(entry.getKey(), at), entry.getValue(), at));
    }
    return new TickEvidence(time, (int) weight, evidence, missing(node, path));
  }

  private MetricSpec spec(String name, String path) {
    return config
        .metric(name)
        .orElseThrow(
            () ->
                fields.problem(path, "unknown metric (the analysis config has: " + names() + ")"));
  }

  private Map<String, String> missing(JsonNode tick, String path) {
    Map<String, String> missing = new HashMap<>();
    JsonNode node = tick.get("missing");
    if (node == null) {
      return missing;
    }
    fields.object(node, path + ".missing");
    for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
      String at = path + ".missing." + entry.getKey();
      spec(entry.getKey(), at);
      if (tick.path("metrics").has(entry.getKey())) {
        throw fields.problem(at, "the metric has data in this tick's metrics too (allowed: one)");
      }
      if (!entry.getValue().isTextual()) {
        throw fields.problem(
            at, "must be a reason string, got " + EvidenceFields.describe(entry.getValue()));
      }
      missing.put(entry.getKey(), entry.getValue().asText());
    }
    return missing;
  }

  private Instant time(JsonNode node, String path) {
    if (!node.isTextual()) {
      throw fields.problem(path, EvidenceFields.describe(node) + " is not a time" + TIME_FORMAT);
    }
    try {
      return Instant.parse(node.asText());
    } catch (DateTimeParseException e) {
      throw fields.problem(path, "\"" + node.asText() + "\" is not a time" + TIME_FORMAT);
    }
  }

  /** Ticks come one interval apart; a longer gap means recorded windows are missing. */
  private void checkFollows(Instant previous, Instant time, int index) {
    String path = "ticks[" + index + "].time";
    if (!time.isAfter(previous)) {
      throw fields.problem(
          path, time + " is not after ticks[" + (index - 1) + "].time " + previous);
    }
    Duration gap = Duration.between(previous, time);
    if (gap.compareTo(config.interval().multipliedBy(3).dividedBy(2)) > 0) {
      throw fields.problem(
          path,
          "tick missing: "
              + gap.toSeconds()
              + "s after ticks["
              + (index - 1)
              + "], but ticks come every "
              + config.interval().toSeconds()
              + "s (the analysis interval)");
    }
  }

  private String names() {
    return String.join(", ", config.metrics().stream().map(MetricSpec::name).toList());
  }
}
