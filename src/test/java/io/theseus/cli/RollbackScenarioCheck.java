package io.theseus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.rollout.RolloutPhase;
import io.theseus.testing.EventLoopWatch;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A regression scenario end to end: rolled back, traffic first, the canary drained in Prometheus.
 */
abstract class RollbackScenarioCheck {

  @RegisterExtension final EventLoopWatch vertx = new EventLoopWatch();

  @TempDir Path dir;

  @BeforeAll
  static void loadClassesBeforeTheCheckedVertxStarts() throws Exception {
    DemoHarness.warmUp();
  }

  /** The scenario's name. */
  abstract String scenario();

  /** The lowest weight at which the scenario's canary regresses. */
  abstract int regressesFrom();

  /** What may have caught it: a metric's name, or the smoke hook's failure. */
  abstract String[] caughtBy();

  @Test
  void rollsBackTrafficFirstAndTheCanaryRateDropsToZeroInPrometheus() throws Exception {
    DemoHarness demo = new DemoHarness(vertx.get(), scenario(), dir);
    try {
      demo.start();
      DemoOutcome outcome = demo.run();

      assertThat(outcome.status().phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
      assertThat(outcome.status().reason()).containsAnyOf(caughtBy());
      List<Integer> weights = demo.taps.canaryWeights();
      assertThat(weights).endsWith(0).doesNotContain(100);
      List<Integer> stepped = weights.subList(0, weights.size() - 1);
      assertThat(List.of(10, 25, 50)).startsWith(stepped.toArray(Integer[]::new));
      assertThat(stepped.get(stepped.size() - 1)).isGreaterThanOrEqualTo(regressesFrom());
      demo.assertRollbackChangedTrafficFirst();
      demo.assertStableNeverLoweredEarly();
      assertThat(demo.taps.writes()).noneMatch(w -> w.startsWith("scale " + demo.stableWorkload()));
      assertThat(demo.awaitCanaryDrained().hasData()).isTrue();
    } finally {
      demo.stop();
    }
  }
}
