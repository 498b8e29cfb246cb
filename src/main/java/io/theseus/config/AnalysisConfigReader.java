package io.theseus.config;

import io.theseus.config.ConfigNode.Mapping;
import io.theseus.config.ConfigNode.Scalar;
import io.theseus.config.ConfigNode.ScalarType;
import io.theseus.config.ConfigNode.Sequence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Validates a parsed analysis config document and builds an {@link AnalysisConfig}. Pure: the
 * document comes in as a {@link ConfigNode} tree, every problem goes out with its position.
 */
public final class AnalysisConfigReader {

  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  static final Duration DEFAULT_STEP_DEADLINE = Duration.ofMinutes(10);
  static final double DEFAULT_ALPHA = 0.01;
  static final String DEFAULT_HEADER = "x-theseus-canary";
  static final MinEvidence DEFAULT_MIN_EVIDENCE = new MinEvidence(200, 2);

  private AnalysisConfigReader() {}

  /**
   * Reads one analysis config document.
   *
   * @param file the file name used in problem reports
   * @param root the document's root node
   * @throws InvalidConfigException listing every problem found
   */
  public static AnalysisConfig read(String file, ConfigNode root) {
    Problems problems = new Problems(file);
    if (!(root instanceof Mapping mapping)) {
      problems.add(root, "(root)", "is " + root.describe() + " (allowed: a mapping of settings)");
      throw new InvalidConfigException(problems.list());
    }
    MappingFields fields = new MappingFields(problems, mapping, "");
    fields
        .text("kind")
        .filter(k -> !k.equals("AnalysisConfig"))
        .ifPresent(k -> problems.add(root, "kind", "is '" + k + "' (allowed: AnalysisConfig)"));
    fields.text("name");
    AnalysisConfig config =
        new AnalysisConfig(
            fields.duration("interval", DEFAULT_INTERVAL),
            steps(fields),
            minEvidence(fields),
            fields.duration("stepDeadline", DEFAULT_STEP_DEADLINE),
            fields.number("alpha", DEFAULT_ALPHA, a -> a > 0 && a < 0.5, "a number in (0, 0.5)"),
            fields.choice("onInconclusive", OnInconclusive.class, OnInconclusive.ROLLBACK),
            darkCanaryHeader(fields),
            list(fields, "hooks", false, HookSpecReader::read),
            list(fields, "metrics", true, MetricSpecReader::read));
    deadlineAfterMinEvidence(fields, root, config);
    fields.rejectUnknownKeys();
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems.list());
    }
    return config;
  }

  /** Why [100] alone is refused; shared with the CanaryRollout's steps override. */
  public static final String NO_STEP_BELOW_100 =
      "has no step below 100: at 100% no stable traffic is left to judge the canary against"
          + " (allowed: at least one step below 100, e.g. [1, 100])";

  private static List<Integer> steps(MappingFields fields) {
    Optional<ConfigNode> node = fields.get("steps");
    if (node.isEmpty()) {
      return AnalysisConfig.DEFAULT_STEPS;
    }
    if (!(node.get() instanceof Sequence seq) || seq.items().isEmpty()) {
      fields
          .problems()
          .add(node.get(), "steps", "must be a non-empty list (allowed: e.g. [1, 5, 25, 50, 100])");
      return AnalysisConfig.DEFAULT_STEPS;
    }
    List<Integer> steps = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      step(fields.problems(), seq.items().get(i), i, steps);
    }
    if (!steps.isEmpty() && steps.get(steps.size() - 1) != 100) {
      fields
          .problems()
          .add(seq, "steps", "must end with 100 (promotion sends all traffic to the canary)");
    } else if (seq.items().size() == 1) {
      fields.problems().add(seq, "steps", NO_STEP_BELOW_100);
    }
    return steps;
  }

  private static void step(Problems problems, ConfigNode item, int i, List<Integer> steps) {
    String field = "steps[" + i + "]";
    if (!(item instanceof Scalar s) || s.type() != ScalarType.INTEGER) {
      problems.add(
          item, field, "is " + item.describe() + " (allowed: an integer percent, 1 to 100)");
      return;
    }
    OptionalLong parsed = MappingFields.decimalInteger(s.text());
    long weight = parsed.orElse(0);
    if (parsed.isEmpty() || weight < 1 || weight > 100) {
      problems.add(item, field, "is " + s.text() + " (allowed: 1 to 100)");
    } else if (!steps.isEmpty() && weight <= steps.get(steps.size() - 1)) {
      problems.add(
          item,
          field,
          "is "
              + weight
              + " after "
              + steps.get(steps.size() - 1)
              + " (allowed: strictly increasing weights)");
    } else {
      steps.add((int) weight);
    }
  }

  /**
   * A step reaches its minimum evidence after ticks × interval; a shorter deadline never passes.
   */
  private static void deadlineAfterMinEvidence(
      MappingFields fields, ConfigNode root, AnalysisConfig config) {
    Duration least = config.minEvidenceTime();
    if (!fields.problems().isEmpty() || config.stepDeadline().compareTo(least) >= 0) {
      return;
    }
    ConfigNode at = fields.get("stepDeadline").or(() -> fields.get("interval")).orElse(root);
    fields
        .problems()
        .add(
            at,
            "stepDeadline",
            "is "
                + Durations.format(config.stepDeadline())
                + ", shorter than minEvidence.ticks x interval, so no step could ever pass"
                + " (allowed: at least "
                + Durations.format(least)
                + ")");
  }

  private static MinEvidence minEvidence(MappingFields fields) {
    return fields
        .get("minEvidence")
        .flatMap(node -> mapping(fields.problems(), node, "minEvidence"))
        .map(
            m -> {
              MappingFields min = new MappingFields(fields.problems(), m, "minEvidence");
              MinEvidence value =
                  new MinEvidence(
                      min.integer(
                          "canaryRequests",
                          DEFAULT_MIN_EVIDENCE.canaryRequests(),
                          1,
                          1_000_000_000L),
                      (int) min.integer("ticks", DEFAULT_MIN_EVIDENCE.ticks(), 1, 10_000));
              min.rejectUnknownKeys();
              return value;
            })
        .orElse(DEFAULT_MIN_EVIDENCE);
  }

  private static String darkCanaryHeader(MappingFields fields) {
    return fields
        .get("darkCanary")
        .flatMap(node -> mapping(fields.problems(), node, "darkCanary"))
        .map(
            m -> {
              MappingFields dark = new MappingFields(fields.problems(), m, "darkCanary");
              String header = dark.text("header").orElse(DEFAULT_HEADER);
              if (!header.matches("[A-Za-z0-9-]{1,128}")) {
                fields
                    .problems()
                    .add(
                        m,
                        "darkCanary.header",
                        "'"
                            + header
                            + "' is not an HTTP header name (allowed: letters, digits, '-')");
              }
              dark.rejectUnknownKeys();
              return header.toLowerCase(java.util.Locale.ROOT);
            })
        .orElse(DEFAULT_HEADER);
  }

  static Optional<Mapping> mapping(Problems problems, ConfigNode node, String field) {
    if (node instanceof Mapping m) {
      return Optional.of(m);
    }
    problems.add(node, field, "is " + node.describe() + " (allowed: a mapping)");
    return Optional.empty();
  }

  private static <T> List<T> list(
      MappingFields fields,
      String key,
      boolean required,
      BiFunction<MappingFields, String, Optional<T>> itemReader) {
    Optional<ConfigNode> node =
        required ? fields.required(key, "a list of " + key) : fields.get(key);
    if (node.isEmpty()) {
      return List.of();
    }
    if (!(node.get() instanceof Sequence seq) || (required && seq.items().isEmpty())) {
      fields
          .problems()
          .add(node.get(), key, "must be a " + (required ? "non-empty " : "") + "list");
      return List.of();
    }
    List<T> items = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < seq.items().size(); i++) {
      String path = key + "[" + i + "]";
      mapping(fields.problems(), seq.items().get(i), path)
          .map(
              m -> {
                checkUniqueName(fields.problems(), m, path, names);
                return m;
              })
          .flatMap(m -> itemReader.apply(new MappingFields(fields.problems(), m, path), path))
          .ifPresent(items::add);
    }
    return items;
  }

  /** Reports a {@code name} already used by an earlier item of the same list. */
  private static void checkUniqueName(
      Problems problems, Mapping item, String path, Set<String> seen) {
    item.entries().entrySet().stream()
        .filter(e -> e.getKey().name().equals("name") && e.getValue() instanceof Scalar)
        .findFirst()
        .filter(e -> !seen.add(((Scalar) e.getValue()).text()))
        .ifPresent(
            e ->
                problems.add(
                    e.getValue(),
                    path + ".name",
                    "duplicate name '"
                        + ((Scalar) e.getValue()).text()
                        + "' (allowed: unique names)"));
  }
}
