package io.theseus.config;

import io.theseus.config.ConfigNode.Mapping;
import io.theseus.config.ConfigNode.Scalar;
import io.theseus.config.ConfigNode.ScalarType;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.stream.Collectors;

/**
 * Typed reads of one mapping's fields. An invalid value is recorded as a problem naming the field
 * path and the default is returned, so validation goes on and reports every problem in one pass.
 */
final class MappingFields {

  private final Problems problems;
  private final Mapping mapping;
  private final String path;
  private final Set<String> known = new HashSet<>();

  MappingFields(Problems problems, Mapping mapping, String path) {
    this.problems = problems;
    this.mapping = mapping;
    this.path = path;
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  Problems problems() {
    return problems;
  }

  Optional<ConfigNode> get(String key) {
    known.add(key);
    return mapping.entries().entrySet().stream()
        .filter(e -> e.getKey().name().equals(key))
        .map(Map.Entry::getValue)
        .filter(node -> !(node instanceof Scalar s && s.type() == ScalarType.NULL))
        .findFirst();
  }

  Optional<ConfigNode> required(String key, String allowed) {
    Optional<ConfigNode> node = get(key);
    if (node.isEmpty()) {
      problems.add(mapping, path(key), "is required (" + allowed + ")");
    }
    return node;
  }

  Optional<String> text(String key) {
    return get(key).flatMap(node -> scalar(key, node, "text", ScalarType.STRING));
  }

  long integer(String key, long fallback, long min, long max) {
    Optional<ConfigNode> node = get(key);
    Optional<String> text = node.flatMap(n -> scalar(key, n, "an integer", ScalarType.INTEGER));
    if (text.isEmpty()) {
      return fallback;
    }
    OptionalLong value = decimalInteger(text.get());
    if (value.isEmpty() || value.getAsLong() < min || value.getAsLong() > max) {
      problems.add(
          node.get(), path(key), "is " + text.get() + " (allowed: " + min + " to " + max + ")");
      return fallback;
    }
    return value.getAsLong();
  }

  /**
   * A YAML integer scalar as a long, or empty when it is not a decimal one a long holds: YAML also
   * tags hex, octal, sexagesimal and 20-digit integers as integers, and those get a problem, not a
   * NumberFormatException.
   */
  static OptionalLong decimalInteger(String text) {
    try {
      return OptionalLong.of(Long.parseLong(text.replace("_", "")));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  Double number(String key, Double fallback, DoublePredicate valid, String allowed) {
    Optional<ConfigNode> node = get(key);
    Optional<String> text =
        node.flatMap(n -> scalar(key, n, "a number", ScalarType.FLOAT, ScalarType.INTEGER));
    if (text.isEmpty()) {
      return fallback;
    }
    double value = finiteOrNaN(text.get());
    if (!Double.isFinite(value) || !valid.test(value)) {
      problems.add(node.get(), path(key), "is " + text.get() + " (allowed: " + allowed + ")");
      return fallback;
    }
    return value;
  }

  /** A YAML number as a double; NaN for what Java cannot read ({@code .nan}, {@code .inf}, hex). */
  private static double finiteOrNaN(String text) {
    try {
      return Double.parseDouble(text.replace("_", ""));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  boolean bool(String key, boolean fallback) {
    return get(key)
        .flatMap(n -> scalar(key, n, "true or false", ScalarType.BOOLEAN))
        .map(Boolean::parseBoolean)
        .orElse(fallback);
  }

  Duration duration(String key, Duration fallback) {
    Optional<ConfigNode> node = get(key);
    Optional<String> text = node.flatMap(n -> scalar(key, n, "a duration", ScalarType.STRING));
    if (text.isEmpty()) {
      return fallback;
    }
    Optional<Duration> value = Durations.parse(text.get()).filter(d -> !d.isZero());
    if (value.isEmpty()) {
      problems.add(
          node.get(),
          path(key),
          "'"
              + text.get()
              + "' is not a duration (allowed: a positive duration like 30s, 5m, 1m30s)");
    }
    return value.orElse(fallback);
  }

  <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
    Optional<ConfigNode> node = get(key);
    Optional<String> text = node.flatMap(n -> scalar(key, n, "text", ScalarType.STRING));
    if (text.isEmpty()) {
      return fallback;
    }
    for (E constant : type.getEnumConstants()) {
      if (yamlName(constant).equals(text.get())) {
        return constant;
      }
    }
    problems.add(
        node.get(), path(key), "'" + text.get() + "' is not allowed (" + choices(type) + ")");
    return fallback;
  }

  /** Reports every key of the mapping that no read asked for. */
  void rejectUnknownKeys() {
    String allowed = known.stream().sorted().collect(Collectors.joining(", "));
    for (ConfigNode.Key key : mapping.entries().keySet()) {
      if (!known.contains(key.name())) {
        problems.add(key.position(), path(key.name()), "unknown key (allowed: " + allowed + ")");
      }
    }
  }

  static <E extends Enum<E>> String yamlName(E constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static <E extends Enum<E>> String choices(Class<E> type) {
    return "one of "
        + Arrays.stream(type.getEnumConstants())
            .map(MappingFields::yamlName)
            .collect(Collectors.joining(", "));
  }

  private Optional<String> scalar(String key, ConfigNode node, String want, ScalarType... types) {
    if (node instanceof Scalar s && Arrays.asList(types).contains(s.type())) {
      return Optional.of(s.text());
    }
    problems.add(node, path(key), "is " + node.describe() + " (allowed: " + want + ")");
    return Optional.empty();
  }
}
