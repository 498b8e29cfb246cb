package io.theseus.bench.prometheus;

import io.theseus.analysis.HistogramCounts;
import io.theseus.analysis.RatioCounts;
import io.theseus.analysis.Version;
import io.theseus.config.AnalysisConfig;
import io.theseus.config.MetricKind;
import io.theseus.config.MetricSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.TreeMap;

/**
 * The peer: what a straightforward provider does (Flagger-style): one query per version and role,
 * variables substituted with String.replace (no escaping, no staleness probe), each answer parsed
 * into a Vert.x JsonObject.
 */
final class NaiveTick {

  private final List<MetricSpec> metrics;
  private final String single = Bodies.single("9931.034482758621");
  private final String histogram = Bodies.perVersionHistogram();

  NaiveTick(AnalysisConfig config) {
    this.metrics = config.metrics();
  }

  int queries() {
    return metrics.stream().mapToInt(m -> m.kind().queryRoles().size() * 2).sum();
  }

  long run() {
    long sink = 0;
    for (MetricSpec metric : metrics) {
      for (Version version : Version.values()) {
        if (metric.kind() == MetricKind.HISTOGRAM) {
          sink += render(metric.queries().get("buckets"), version).length();
          sink += buckets(new JsonObject(histogram)).n();
        } else {
          sink += render(metric.queries().get("total"), version).length();
          long total = Math.round(value(new JsonObject(single)));
          sink += render(metric.queries().get("errors"), version).length();
          long errors = Math.round(value(new JsonObject(single)) / 1000);
          sink += new RatioCounts(total, errors).n();
        }
      }
    }
    return sink;
  }

  private static String render(String template, Version version) {
    return template
        .replace("{{namespace}}", ProviderBench.CONTEXT.namespace())
        .replace("{{service}}", ProviderBench.CONTEXT.service())
        .replace("{{workload}}", ProviderBench.CONTEXT.workloads().get(version))
        .replace("{{version}}", ProviderBench.CONTEXT.versions().get(version))
        .replace("{{window}}", "30s");
  }

  private static double value(JsonObject answer) {
    JsonArray result = answer.getJsonObject("data").getJsonArray("result");
    return Double.parseDouble(result.getJsonObject(0).getJsonArray("value").getString(1));
  }

  private static HistogramCounts buckets(JsonObject answer) {
    TreeMap<Double, Long> cumulative = new TreeMap<>();
    for (Object series : answer.getJsonObject("data").getJsonArray("result")) {
      JsonObject s = (JsonObject) series;
      String le = s.getJsonObject("metric").getString("le");
      long count = Math.round(Double.parseDouble(s.getJsonArray("value").getString(1)));
      cumulative.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), count);
    }
    return new HistogramCounts(cumulative);
  }
}
