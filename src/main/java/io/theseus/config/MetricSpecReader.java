package io.theseus.config;

import io.theseus.config.ConfigNode.Mapping;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads one entry of an analysis config's {@code metrics} list. */
final class MetricSpecReader {

  static final String NAME_PATTERN = "[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?";
  static final double DEFAULT_QUANTILE = 0.99;

  private MetricSpecReader() {}

  static Optional<MetricSpec> read(MappingFields fields, String path) {
    Problems problems = fields.problems();
    String name = name(fields);
    Optional<MetricKind> kind =
        fields.required("kind", MappingFields.choices(MetricKind.class)).isPresent()
            ? Optional.ofNullable(fields.choice("kind", MetricKind.class, null))
            : Optional.empty();
    Map<String, String> queries = kind.map(k -> queries(fields, k)).orElse(Map.of());
    Direction direction = fields.choice("direction", Direction.class, Direction.INCREASE);
    Tolerance tolerance = tolerance(fields);
    boolean critical = fields.bool("critical", true);
    double weight = fields.number("weight", 1.0, w -> w > 0, "a number > 0");
    double quantile = quantile(fields, kind);
    fields.rejectUnknownKeys();
    if (name == null || kind.isEmpty() || tolerance == null) {
      return Optional.empty();
    }
    return Optional.of(
        new MetricSpec(
            name, kind.get(), queries, direction, tolerance, critical, weight, quantile));
  }

  private static String name(MappingFields fields) {
    Optional<ConfigNode> node = fields.required("name", "a name like error-rate");
    Optional<String> name = fields.text("name");
    if (name.isPresent() && !name.get().matches(NAME_PATTERN)) {
      fields
          .problems()
          .add(
              node.get(),
              fields.path("name"),
              "'"
                  + name.get()
                  + "' is not a metric name (allowed: lower-case letters, digits, '-', '_';"
                  + " at most 63)");
      return null;
    }
    return name.orElse(null);
  }

  private static Map<String, String> queries(MappingFields fields, MetricKind kind) {
    String roles = String.join(", ", kind.queryRoles());
    Optional<Mapping> node =
        fields
            .required("queries", "a mapping with " + roles)
            .flatMap(
                n -> AnalysisConfigReader.mapping(fields.problems(), n, fields.path("queries")));
    if (node.isEmpty()) {
      return Map.of();
    }
    MappingFields query = new MappingFields(fields.problems(), node.get(), fields.path("queries"));
    Map<String, String> queries = new LinkedHashMap<>();
    for (String role : kind.queryRoles()) {
      query.required(role, "PromQL for " + kind.yamlName() + " metrics");
      query
          .text(role)
          .ifPresent(
              promql -> {
                ConfigNode at = query.get(role).orElseThrow();
                if (promql.isBlank()) {
                  fields
                      .problems()
                      .add(at, query.path(role), "is empty (allowed: a PromQL expression)");
                }
                template(promql).ifPresent(p -> fields.problems().add(at, query.path(role), p));
                queries.put(role, promql.strip());
              });
    }
    query.rejectUnknownKeys();
    return queries;
  }

  /**
   * The template's problem, if any, found by the same parser the Prometheus adapter renders with:
   * an unknown, unclosed or misplaced variable.
   */
  private static Optional<String> template(String promql) {
    try {
      PromqlTemplate.parse(promql);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static Tolerance tolerance(MappingFields fields) {
    fields.required("tolerance", "relative and/or absolute allowance");
    return ToleranceReader.read(fields, "the metric's unit");
  }

  private static double quantile(MappingFields fields, Optional<MetricKind> kind) {
    Optional<ConfigNode> node = fields.get("quantile");
    if (node.isPresent() && kind.isPresent() && kind.get() != MetricKind.HISTOGRAM) {
      fields
          .problems()
          .add(
              node.get(),
              fields.path("quantile"),
              "applies to histogram metrics only (remove it for " + kind.get().yamlName() + ")");
      return DEFAULT_QUANTILE;
    }
    return fields.number("quantile", DEFAULT_QUANTILE, q -> q > 0 && q < 1, "a number in (0, 1)");
  }
}
