package io.theseus.bench.run;

import java.util.ArrayList;
import java.util.List;

/** Cells with a chosen number of rollbacks, for the report's and the targets' tests. */
final class TestCells {

  private TestCells() {}

  /**
   * {@code runs} runs of {@code judge}: the first {@code rollbacks} rolled back after {@code
   * minutes}, the rest promoted.
   */
  static Cell of(String judge, int rollbacks, int runs, double minutes) {
    List<RunResult> results = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      Rollout.Action action = i < rollbacks ? Rollout.Action.ROLLBACK : Rollout.Action.PROMOTE;
      results.add(new RunResult(action, minutes, 100, ""));
    }
    return new Cell(judge, results);
  }
}
