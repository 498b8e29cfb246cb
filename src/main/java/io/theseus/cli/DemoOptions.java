package io.theseus.cli;

import io.theseus.config.AnalysisConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one demo run does.
 *
 * @param scenarios the scenarios run side by side, each as rollout {@code demo/<scenario>}
 * @param rps requests per second of each scenario's load
 * @param apiPort port of the HTTP API; 0 picks a free one
 * @param fast shorter intervals and steps (see {@link #tune})
 * @param analysisFile the analysis config every rollout uses
 * @param workDir holds the Prometheus TSDB and the rollout status files
 */
record DemoOptions(
    List<String> scenarios, int rps, int apiPort, boolean fast, Path analysisFile, Path workDir) {

  /** The analysis interval with {@code --fast}. */
  static final Duration FAST_INTERVAL = Duration.ofSeconds(5);

  /** The first step with {@code --fast}: traffic enough to capture tolerances in a few ticks. */
  static final int FAST_FIRST_STEP = 10;

  DemoOptions {
    scenarios = List.copyOf(scenarios);
  }

  /**
   * The analysis config as the demo runs it: unchanged, or with {@code --fast} a 5 s interval and
   * steps below 10% replaced by one 10% step. Anytime-valid bounds on a p99 need some thousand
   * canary requests per step; at 1% of the demo's load that alone would take over ten minutes.
   */
  AnalysisConfig tune(AnalysisConfig config) {
    if (!fast) {
      return config;
    }
    List<Integer> steps = new ArrayList<>(List.of(FAST_FIRST_STEP));
    config.steps().stream().filter(s -> s > FAST_FIRST_STEP).forEach(steps::add);
    return new AnalysisConfig(
        FAST_INTERVAL,
        steps,
        config.minEvidence(),
        config.stepDeadline(),
        config.alpha(),
        config.onInconclusive(),
        config.darkCanaryHeader(),
        config.hooks(),
        config.metrics());
  }
}
