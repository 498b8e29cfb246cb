package io.theseus.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A config was rejected. The message lists every problem, one per line, each naming file, line,
 * column and field, and never carries a stack trace to the user.
 */
public class InvalidConfigException extends RuntimeException {

  private final List<ConfigProblem> problems;

  public InvalidConfigException(List<ConfigProblem> problems) {
    super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** A single problem with a setting that has no file position (environment, flags). */
  public InvalidConfigException(String field, String value, String reason) {
    super(field + "=" + value + ": " + reason);
    this.problems = List.of(new ConfigProblem("(environment)", 0, 0, field, reason));
  }

  /** Every problem found, in document order. */
  public List<ConfigProblem> problems() {
    return problems;
  }
}
