package io.theseus.metrics.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One metric's tick as one Prometheus API request: every role's query for both versions joined with
 * {@code or}, each result labelled with {@link #VERSION_LABEL} and {@link #ROLE_LABEL}.
 *
 * @param metric the metric name, for messages
 * @param promql the batched expression
 * @param range true for {@code /api/v1/query_range} over {@code [start, end]} every {@code step}
 *     (gauges: the readings in the window), false for an instant query at {@code end} (counts)
 * @param start range start; equals {@code end} for an instant query
 * @param end evaluation time
 * @param step range resolution; the scrape interval
 * @param probed true when the batch holds a {@link #FRESH} probe per version
 * @param parts where each role's rendered query sits in {@code promql}, to point at the role whose
 *     query Prometheus rejects
 */
public record PromqlBatch(
    String metric,
    String promql,
    boolean range,
    Instant start,
    Instant end,
    Duration step,
    boolean probed,
    List<Part> parts) {

  public PromqlBatch {
    parts = List.copyOf(parts);
  }

  /**
   * One rendered query inside the batch.
   *
   * @param role the query's key under {@code queries} (a probe carries the role it renders)
   * @param start offset of the query's first character in {@code promql}
   * @param end offset just past its last character
   */
  public record Part(String role, int start, int end) {}

  /** Label carrying {@code stable} or {@code canary} on every series of a batched answer. */
  public static final String VERSION_LABEL = "theseus_version";

  /** Label carrying the query role ({@code total}, {@code errors}, ...) or {@link #FRESH}. */
  public static final String ROLE_LABEL = "theseus_role";

  /**
   * Role of the freshness probe: the metric's first role rendered over the staleness bound instead
   * of the window. Data in the window but none in the probe means the series went stale.
   */
  public static final String FRESH = "fresh";
}
