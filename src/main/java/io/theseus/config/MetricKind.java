package io.theseus.config;

import java.util.List;

/** How a metric's evidence is counted, and which query roles its config must give. */
public enum MetricKind {
  /** Failed over total requests: queries {@code total} and {@code errors}. */
  RATIO(List.of("total", "errors")),
  /** Classic Prometheus histogram buckets by {@code le}: query {@code buckets}. */
  HISTOGRAM(List.of("buckets")),
  /** Point-in-time readings such as CPU or memory: query {@code value}. */
  GAUGE(List.of("value"));

  private final List<String> queryRoles;

  MetricKind(List<String> queryRoles) {
    this.queryRoles = queryRoles;
  }

  /** The keys its {@code queries} map must have, exactly. */
  public List<String> queryRoles() {
    return queryRoles;
  }

  /** The name used in YAML ({@code ratio}, {@code histogram}, {@code gauge}). */
  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
