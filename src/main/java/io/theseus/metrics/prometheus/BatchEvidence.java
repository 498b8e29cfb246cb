package io.theseus.metrics.prometheus;

import io.theseus.analysis.GaugeValues;
import io.theseus.analysis.HistogramCounts;
import io.theseus.analysis.MetricEvidence;
import io.theseus.analysis.RatioCounts;
import io.theseus.analysis.Sample;
import io.theseus.analysis.Version;
import io.theseus.config.MetricKind;
import io.theseus.config.PromqlTemplate;
import io.theseus.metrics.MetricQueryException;
import io.theseus.metrics.NoDataException;
import io.theseus.metrics.StaleDataException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps the series of one batched answer to evidence. Counts come from {@code increase()} and are
 * extrapolated, so they are rounded to whole numbers; errors are capped at total and bucket counts
 * made non-decreasing in {@code le}, the way {@code histogram_quantile} repairs them. An absent
 * {@code errors} result with a present {@code total} means no error series exists: zero errors.
 */
final class BatchEvidence {

  private final PromqlBatch batch;
  private final Map<String, List<PromSeries>> byVersionAndRole = new HashMap<>();

  private BatchEvidence(PromqlBatch batch, List<PromSeries> series) {
    this.batch = batch;
    for (PromSeries s : series) {
      String key = s.label(PromqlBatch.VERSION_LABEL) + "/" + s.label(PromqlBatch.ROLE_LABEL);
      byVersionAndRole.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
    }
  }

  static MetricEvidence of(
      PromqlBatch batch, MetricKind kind, Duration staleAfter, List<PromSeries> series) {
    BatchEvidence answer = new BatchEvidence(batch, series);
    String primary = kind.queryRoles().get(0);
    for (Version version : Version.values()) {
      answer.requireData(version, primary);
    }
    for (Version version : Version.values()) {
      answer.requireFresh(version, kind, staleAfter);
    }
    return new MetricEvidence(
        answer.sample(kind, Version.STABLE), answer.sample(kind, Version.CANARY));
  }

  private Sample sample(MetricKind kind, Version version) {
    return switch (kind) {
      case RATIO -> ratio(version);
      case HISTOGRAM -> histogram(version);
      case GAUGE -> gauge(version);
    };
  }

  private RatioCounts ratio(Version version) {
    long total = count(sum(version, "total"));
    List<PromSeries> errorSeries = of(version, "errors");
    long errors = errorSeries.isEmpty() ? 0 : count(sum(version, "errors"));
    return new RatioCounts(total, Math.min(errors, total));
  }

  private HistogramCounts histogram(Version version) {
    TreeMap<Double, Double> byLe = new TreeMap<>();
    for (PromSeries s : of(version, "buckets")) {
      byLe.merge(le(s), s.lastValue(), Double::sum);
    }
    if (byLe.lastKey() != Double.POSITIVE_INFINITY) {
      throw invalid("queries.buckets returned no le=\"+Inf\" bucket for " + version.label());
    }
    TreeMap<Double, Long> cumulative = new TreeMap<>();
    long previous = 0;
    for (var bucket : byLe.entrySet()) {
      previous = Math.max(previous, count(bucket.getValue()));
      cumulative.put(bucket.getKey(), previous);
    }
    return new HistogramCounts(cumulative);
  }

  private GaugeValues gauge(Version version) {
    List<PromSeries> found = of(version, "value");
    if (found.size() != 1) {
      throw invalid(
          "queries.value must aggregate to one series per version, got "
              + found.size()
              + " for "
              + version.label());
    }
    List<Double> values = new ArrayList<>();
    for (double v : found.get(0).values()) {
      if (Double.isFinite(v)) {
        values.add(v);
      }
    }
    if (values.isEmpty()) {
      throw noData(version, "value", "only NaN or infinite readings");
    }
    return new GaugeValues(values);
  }

  private void requireData(Version version, String role) {
    List<PromSeries> found = of(version, role);
    if (found.isEmpty()) {
      throw noData(version, role, "no series");
    }
    for (PromSeries s : found) {
      if (!batch.range() && Double.isNaN(s.lastValue())) {
        throw noData(version, role, "NaN");
      }
    }
    if (of(version, "errors").stream().anyMatch(s -> Double.isNaN(s.lastValue()))) {
      throw noData(version, "errors", "NaN");
    }
  }

  private void requireFresh(Version version, MetricKind kind, Duration staleAfter) {
    boolean stale;
    if (batch.range()) {
      long newest =
          of(version, kind.queryRoles().get(0)).stream()
              .mapToLong(PromSeries::lastTimeMs)
              .max()
              .orElse(Long.MIN_VALUE);
      stale = newest < batch.end().toEpochMilli() - staleAfter.toMillis();
    } else {
      stale = batch.probed() && of(version, PromqlBatch.FRESH).isEmpty();
    }
    if (stale) {
      throw new StaleDataException(
          "metric "
              + batch.metric()
              + ": "
              + version.label()
              + " has no sample newer than "
              + PromqlTemplate.duration(staleAfter)
              + " before "
              + batch.end()
              + " (scrape or metrics plane down)");
    }
  }

  private List<PromSeries> of(Version version, String role) {
    return byVersionAndRole.getOrDefault(version.label() + "/" + role, List.of());
  }

  private double sum(Version version, String role) {
    return of(version, role).stream().mapToDouble(PromSeries::lastValue).sum();
  }

  private double le(PromSeries s) {
    String le = s.label("le");
    if (le == null) {
      throw invalid("queries.buckets must keep the le label, e.g. sum by (le) (...)");
    }
    try {
      return "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    } catch (NumberFormatException e) {
      throw invalid("queries.buckets returned le=\"" + le + "\", not a number");
    }
  }

  private long count(double value) {
    if (!Double.isFinite(value)) {
      throw invalid("a count must be finite, got " + value);
    }
    if (value > Sample.MAX_COUNT) {
      throw invalid("a count must be at most 2^50 per window, got " + value);
    }
    return Math.max(0, Math.round(value));
  }

  private NoDataException noData(Version version, String role, String what) {
    return new NoDataException(
        "metric "
            + batch.metric()
            + ": "
            + version.label()
            + " has "
            + what
            + " for queries."
            + role);
  }

  private MetricQueryException invalid(String why) {
    return new MetricQueryException(
        MetricQueryException.Kind.INVALID_QUERY, "metric " + batch.metric() + ": " + why, null);
  }
}
