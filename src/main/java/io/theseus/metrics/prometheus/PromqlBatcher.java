package io.theseus.metrics.prometheus;

import io.theseus.analysis.Version;
import io.theseus.config.MetricKind;
import io.theseus.config.MetricSpec;
import io.theseus.config.PromqlTemplate;
import io.theseus.metrics.MetricQueryException;
import io.theseus.metrics.QueryContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the one request per metric and tick: renders each role's template once per version with
 * escaped label values, tags each result with version and role by {@code label_replace}, and joins
 * them with {@code or}. Counts (ratio, histogram) are an instant query, plus a freshness probe per
 * version; gauges are a range query whose sample times show staleness. Templates are parsed once
 * and cached. Pure apart from that cache; safe to share between threads.
 */
public final class PromqlBatcher {

  private final Map<String, PromqlTemplate> parsed = new ConcurrentHashMap<>();
  private final Duration probeWindow;
  private final Duration step;

  /**
   * @param staleAfter a series whose newest sample is older than this is stale
   * @param step the scrape interval: resolution of gauge range queries
   */
  public PromqlBatcher(Duration staleAfter, Duration step) {
    // increase() and rate() need two samples, so the probe reaches one scrape further back: it
    // is empty exactly when the newest sample is older than staleAfter.
    this.probeWindow = staleAfter.plus(step);
    this.step = step;
  }

  /**
   * The batched request of {@code metric} for the window ending at {@code end}.
   *
   * @throws MetricQueryException of kind INVALID_QUERY naming the metric and role when a template
   *     is missing or invalid
   */
  public PromqlBatch batch(MetricSpec metric, QueryContext context, Instant end) {
    Joined joined = new Joined();
    boolean probed = false;
    String primary = metric.kind().queryRoles().get(0);
    for (Version version : Version.values()) {
      Map<String, String> labels = labels(context, version);
      for (String role : metric.kind().queryRoles()) {
        PromqlTemplate template = template(metric, role);
        String query = render(metric, role, template, labels, context.window());
        joined.add(role, "", query, "", version, role);
        if (role.equals(primary) && metric.kind() != MetricKind.GAUGE && template.usesWindow()) {
          String probe = render(metric, role, template, labels, probeWindow);
          // count() keeps the probe's answer to one series per version, whatever the template's
          // grouping (a histogram's buckets would otherwise double the answer).
          joined.add(role, "count(\n", probe, "\n)", version, PromqlBatch.FRESH);
          probed = true;
        }
      }
    }
    boolean range = metric.kind() == MetricKind.GAUGE;
    Instant start = range ? end.minus(context.window()) : end;
    return new PromqlBatch(
        metric.name(), joined.text.toString(), range, start, end, step, probed, joined.parts);
  }

  private PromqlTemplate template(MetricSpec metric, String role) {
    String source = metric.queries().get(role);
    if (source == null) {
      throw invalid(metric, role, "missing (a " + metric.kind().yamlName() + " metric needs it)");
    }
    try {
      return parsed.computeIfAbsent(source, PromqlTemplate::parse);
    } catch (IllegalArgumentException e) {
      throw invalid(metric, role, e.getMessage());
    }
  }

  private static String render(
      MetricSpec metric,
      String role,
      PromqlTemplate template,
      Map<String, String> labels,
      Duration window) {
    try {
      return template.render(labels, window);
    } catch (IllegalArgumentException e) {
      throw invalid(metric, role, e.getMessage());
    }
  }

  private static MetricQueryException invalid(MetricSpec metric, String role, String why) {
    return new MetricQueryException(
        MetricQueryException.Kind.INVALID_QUERY,
        "metric " + metric.name() + ": queries." + role + ": " + why,
        null);
  }

  private static Map<String, String> labels(QueryContext context, Version version) {
    Map<String, String> labels = new HashMap<>();
    labels.put("namespace", context.namespace());
    labels.put("service", context.service());
    putIfPresent(labels, "workload", context.workloads().get(version));
    putIfPresent(labels, "version", context.versions().get(version));
    return labels;
  }

  private static void putIfPresent(Map<String, String> labels, String key, String value) {
    if (value != null) {
      labels.put(key, value);
    }
  }

  /** The batch under construction: each tagged query joined with {@code or}, and where it sits. */
  private static final class Joined {
    private final StringBuilder text = new StringBuilder();
    private final List<PromqlBatch.Part> parts = new ArrayList<>();

    /** Appends {@code before + query + after}, its series labelled with version and label. */
    void add(
        String role, String before, String query, String after, Version version, String label) {
      if (!text.isEmpty()) {
        text.append(" or ");
      }
      // The newlines end any trailing # comment of the template before the closing parenthesis.
      text.append("label_replace(label_replace((\n").append(before);
      int start = text.length();
      text.append(query);
      parts.add(new PromqlBatch.Part(role, start, text.length()));
      text.append(after)
          .append("\n), \"")
          .append(PromqlBatch.VERSION_LABEL)
          .append("\", \"")
          .append(version.label())
          .append("\", \"\", \"\"), \"")
          .append(PromqlBatch.ROLE_LABEL)
          .append("\", \"")
          .append(label)
          .append("\", \"\", \"\")");
    }
  }
}
