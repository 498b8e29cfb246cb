package io.theseus.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed config document as a plain tree that remembers where each node stood in its file, so
 * that every validation error can name file, line and column. Built by the YAML reader; validated
 * by the pure readers of this package.
 */
public sealed interface ConfigNode {

  /** Where the node starts in its file (1-based). */
  Position position();

  /** A short name of the node's type for error messages ("a mapping", "a list", "text"). */
  String describe();

  /**
   * A 1-based line and column.
   *
   * @param line line number, from 1
   * @param column column number, from 1
   */
  record Position(int line, int column) {}

  /** A key of a mapping, with its own position (unknown keys are reported there). */
  record Key(String name, Position position) {}

  /** A YAML mapping; keys in document order. */
  record Mapping(Map<Key, ConfigNode> entries, Position position) implements ConfigNode {
    public Mapping {
      entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** A YAML sequence. */
  record Sequence(List<ConfigNode> items, Position position) implements ConfigNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return items.isEmpty() ? "an empty list" : "a list";
    }
  }

  /** A YAML scalar with the type YAML resolved for it. */
  record Scalar(String text, ScalarType type, Position position) implements ConfigNode {
    @Override
    public String describe() {
      return type.description + " '" + abbreviate(text) + "'";
    }

    private static String abbreviate(String text) {
      String oneLine = text.replace("\n", "\\n");
      return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }
  }

  /** What YAML's core schema resolved a scalar to. */
  enum ScalarType {
    STRING("text"),
    INTEGER("integer"),
    FLOAT("number"),
    BOOLEAN("boolean"),
    NULL("null");

    private final String description;

    ScalarType(String description) {
      this.description = description;
    }
  }
}
