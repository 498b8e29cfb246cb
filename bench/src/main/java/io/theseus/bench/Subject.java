package io.theseus.bench;

import io.theseus.bench.run.Judge;
import java.util.List;

/**
 * The judge under test and the settings the report compares against.
 *
 * @param name the subject's judge name in the report
 * @param alpha its configured whole-rollout false-rollback bound (the tuning target)
 * @param judges its judge configurations (empty until the Theseus judge is wired in)
 */
record Subject(String name, double alpha, List<Judge> judges) {

  static Subject standard() {
    return new Subject("theseus", 0.01, List.of());
  }
}
