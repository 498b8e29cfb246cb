package io.theseus.bench.theseus;

import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.analysis.HistogramCounts;
import io.theseus.analysis.RatioCounts;
import io.theseus.bench.run.Rollout.Action;
import io.theseus.bench.sim.TickData;
import io.theseus.config.AnalysisConfig;
import io.theseus.yaml.AnalysisConfigFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TheseusRolloutTest {

  private final AnalysisConfig config =
      AnalysisConfigFiles.load(Path.of("analysis-config/default.yaml"));

  @Test
  void runsOnTheConfigsIntervalAndStepDeadlines() {
    TheseusRollout rollout = new TheseusRollout(config);

    assertThat(rollout.weight()).isEqualTo(config.steps().get(0));
    assertThat(rollout.tickSeconds()).isEqualTo(config.interval().toSeconds());
    assertThat((long) rollout.maxTicks() * rollout.tickSeconds())
        .isEqualTo(config.stepDeadline().toSeconds() * config.steps().size());
  }

  @Test
  void identicalVersionsWithAmpleTrafficClimbEveryStepAndPromote() {
    TheseusRollout rollout = new TheseusRollout(config);
    List<Integer> weights = new ArrayList<>();
    Action action = Action.CONTINUE;
    for (int k = 1; k <= rollout.maxTicks() && action == Action.CONTINUE; k++) {
      weights.add(rollout.weight());
      action = rollout.observe(tick(k, rollout.weight(), 0.001));
    }

    assertThat(action).isEqualTo(Action.PROMOTE);
    assertThat(weights).containsSubsequence(config.steps());
    assertThat(rollout.cause()).isEmpty();
  }

  @Test
  void canaryFailingOneRequestInTenRollsBackAtTheFirstStepOnAnErrorRateVerdict() {
    TheseusRollout rollout = new TheseusRollout(config);
    Action action = Action.CONTINUE;
    for (int k = 1; k <= rollout.maxTicks() && action == Action.CONTINUE; k++) {
      action = rollout.observe(tick(k, rollout.weight(), 0.1));
    }

    assertThat(action).isEqualTo(Action.ROLLBACK);
    assertThat(rollout.weight()).isEqualTo(config.steps().get(0));
    assertThat(rollout.cause()).startsWith("verdict:").contains("error-rate");
  }

  /** 2 million requests per window split by weight; the stable fails 0.1%, all requests fast. */
  private TickData tick(int k, int weight, double canaryErrorRate) {
    long canary = 20_000L * weight;
    long stable = 2_000_000L - canary;
    int length = (int) config.interval().toSeconds();
    return new TickData(
        k * length,
        length,
        weight,
        new RatioCounts(stable, stable / 1000),
        new RatioCounts(canary, Math.round(canary * canaryErrorRate)),
        fast(stable),
        fast(canary));
  }

  private static HistogramCounts fast(long n) {
    long half = n / 2;
    return HistogramCounts.of(Map.of(25.0, half, 50.0, n, 100.0, n, Double.POSITIVE_INFINITY, n));
  }
}
