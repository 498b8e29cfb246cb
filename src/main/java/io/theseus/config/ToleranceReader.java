package io.theseus.config;

import io.theseus.config.ConfigNode.Mapping;
import java.util.Optional;

/**
 * Reads a {@code tolerance: {relative, absolute}} mapping, shared by metrics and performance hooks.
 */
final class ToleranceReader {

  private ToleranceReader() {}

  /**
   * The {@code tolerance} of {@code fields}; null when it is absent or invalid (each problem is
   * recorded, naming the field path).
   *
   * @param unit what {@code absolute} is measured in, for the problem text
   */
  static Tolerance read(MappingFields fields, String unit) {
    Optional<Mapping> node =
        fields
            .get("tolerance")
            .flatMap(
                n -> AnalysisConfigReader.mapping(fields.problems(), n, fields.path("tolerance")));
    if (node.isEmpty()) {
      return null;
    }
    MappingFields tol = new MappingFields(fields.problems(), node.get(), fields.path("tolerance"));
    Double relative = tol.number("relative", null, r -> r >= 0, "a number >= 0, e.g. 0.2 for 20%");
    Double absolute = tol.number("absolute", null, a -> a >= 0, "a number >= 0 in " + unit);
    tol.rejectUnknownKeys();
    if (tol.get("relative").isEmpty() && tol.get("absolute").isEmpty()) {
      fields
          .problems()
          .add(
              node.get(),
              fields.path("tolerance"),
              "needs relative and/or absolute (allowed: relative >= 0, absolute >= 0)");
      return null;
    }
    return relative == null && absolute == null ? null : new Tolerance(relative, absolute);
  }
}
