package io.theseus.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one file while it is validated, so the user sees all at once. */
final class Problems {

  private final String file;
  private final List<ConfigProblem> found = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  void add(ConfigNode node, String field, String message) {
    add(node.position(), field, message);
  }

  void add(ConfigNode.Position at, String field, String message) {
    found.add(new ConfigProblem(file, at.line(), at.column(), field, message));
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  List<ConfigProblem> list() {
    return found.stream()
        .sorted(
            Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column))
        .toList();
  }
}
