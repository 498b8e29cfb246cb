package io.theseus.daemon;

import java.util.List;

/** A CanaryRollout spec that cannot become a rollout; each problem names its field. */
public final class InvalidSpecException extends RuntimeException {

  private final List<String> problems;

  public InvalidSpecException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem: {@code spec.steps: must ... (got ...)}. */
  public List<String> problems() {
    return problems;
  }
}
