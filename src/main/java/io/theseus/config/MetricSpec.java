package io.theseus.config;

import java.util.Map;

/**
 * One metric of an analysis config.
 *
 * @param name unique within the config; names the metric in evidence, verdicts and telemetry
 * @param kind how evidence is counted
 * @param queries PromQL templates by role ({@link MetricKind#queryRoles()}), each for one version
 * @param direction which change is a regression
 * @param tolerance allowance over the stable figure captured at 1%
 * @param critical a failure of a critical metric rolls back at once
 * @param weight relative importance, {@code > 0}: the metric's share of the rollout's alpha is its
 *     weight over the sum of the weights
 * @param quantile for histograms: the quantile the band and bounds are stated for (0.99 default)
 */
public record MetricSpec(
    String name,
    MetricKind kind,
    Map<String, String> queries,
    Direction direction,
    Tolerance tolerance,
    boolean critical,
    double weight,
    double quantile) {

  public MetricSpec {
    queries = Map.copyOf(queries);
  }
}
