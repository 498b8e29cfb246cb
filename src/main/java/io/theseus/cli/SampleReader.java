package io.theseus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.theseus.analysis.GaugeValues;
import io.theseus.analysis.HistogramCounts;
import io.theseus.analysis.MetricEvidence;
import io.theseus.analysis.RatioCounts;
import io.theseus.analysis.Sample;
import io.theseus.analysis.Version;
import io.theseus.config.MetricSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads one metric's stable and canary samples of an evidence tick, by the metric's kind. */
final class SampleReader {

  private final EvidenceFields fields;

  SampleReader(EvidenceFields fields) {
    this.fields = fields;
  }

  MetricEvidence evidence(MetricSpec spec, JsonNode node, String path) {
    fields.object(node, path);
    fields.onlyKeys(node, path, List.of("stable", "canary"));
    return new MetricEvidence(
        sample(spec, node, path, Version.STABLE), sample(spec, node, path, Version.CANARY));
  }

  private Sample sample(MetricSpec spec, JsonNode metric, String path, Version version) {
    String at = path + "." + version.label();
    JsonNode node = fields.object(fields.required(metric, path, version.label()), at);
    return switch (spec.kind()) {
      case RATIO -> ratio(node, at);
      case HISTOGRAM -> histogram(node, at);
      case GAUGE -> gauge(node, at);
    };
  }

  private RatioCounts ratio(JsonNode node, String path) {
    fields.onlyKeys(node, path, List.of("total", "errors"));
    long total = fields.count(fields.required(node, path, "total"), path + ".total");
    long errors = fields.count(fields.required(node, path, "errors"), path + ".errors");
    if (errors > total) {
      throw fields.problem(path + ".errors", errors + " exceeds total " + total);
    }
    return new RatioCounts(total, errors);
  }

  private HistogramCounts histogram(JsonNode node, String path) {
    fields.onlyKeys(node, path, List.of("buckets"));
    String at = path + ".buckets";
    JsonNode buckets = fields.object(fields.required(node, path, "buckets"), at);
    TreeMap<Double, Long> cumulative = new TreeMap<>();
    TreeMap<Double, String> keys = new TreeMap<>();
    for (Map.Entry<String, JsonNode> bucket :
        (Iterable<Map.Entry<String, JsonNode>>) buckets::fields) {
      String key = bucket.getKey();
      double le = fields.le(key, at + "." + key);
      if (cumulative.put(le, fields.count(bucket.getValue(), at + "." + key)) != null) {
        throw fields.problem(at + "." + key, "repeats bucket bound le=" + keys.get(le));
      }
      keys.put(le, key);
    }
    if (!cumulative.containsKey(Double.POSITIVE_INFINITY)) {
      throw fields.problem(at, "has no \"+Inf\" bucket (the total count)");
    }
    checkMonotone(cumulative, keys, at);
    return new HistogramCounts(cumulative);
  }

  /** Buckets are cumulative: a count below the previous bucket's is a broken series. */
  private void checkMonotone(
      TreeMap<Double, Long> cumulative, TreeMap<Double, String> keys, String at) {
    long previous = 0;
    String previousKey = null;
    for (Map.Entry<Double, Long> bucket : cumulative.entrySet()) {
      if (bucket.getValue() < previous) {
        throw fields.problem(
            at + "." + keys.get(bucket.getKey()),
            bucket.getValue()
                + " is below "
                + previous
                + " at le="
                + previousKey
                + " (buckets are cumulative: counts must not decrease as le grows)");
      }
      previous = bucket.getValue();
      previousKey = keys.get(bucket.getKey());
    }
  }

  private GaugeValues gauge(JsonNode node, String path) {
    fields.onlyKeys(node, path, List.of("values"));
    String at = path + ".values";
    JsonNode values = fields.required(node, path, "values");
    if (!values.isArray()) {
      throw fields.problem(
          at, "must be an array of numbers, got " + EvidenceFields.describe(values));
    }
    List<Double> readings = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      readings.add(fields.number(values.get(i), at + "[" + i + "]"));
    }
    return new GaugeValues(readings);
  }
}
