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
 * @param fast a 5 s analysis interval instead of the config's (see {@link #tune})
 * @param analysisFile the analysis config every rollout uses
 * @param workDir holds the Prometheus TSDB and the rollout status files
 */
record DemoOptions(
    List<String> scenarios, int rps, int apiPort, boolean fast, Path analysisFile, Path workDir) {

  /** The analysis interval with {@code --fast}. */
  static final Duration FAST_INTERVAL = Duration.ofSeconds(5);

  /** The demo's first step: traffic enough to capture tolerances within a few ticks. */
  static final int FIRST_STEP = 10;

  DemoOptions {
    scenarios = List.copyOf(scenarios);
  }

  /**
   * The analysis config as the demo runs it. Steps below 10% become one 10% step: anytime-valid
   * bounds on a p99 need about a thousand canary requests per step, which 1% of the demo's load
   * would take well over ten minutes to serve (docs/judge.md, "Assumptions and limits"). With
   * {@code --fast} the interval (and so every query window) is also cut to 5 s. Metrics,
   * tolerances, minimum evidence, deadlines and hooks stay as configured.
   */
  AnalysisConfig tune(AnalysisConfig config) {
    List<Integer> steps = new ArrayList<>(List.of(FIRST_STEP));
    config.steps().stream().filter(s -> s > FIRST_STEP).forEach(steps::add);
    return new AnalysisConfig(
        fast ? FAST_INTERVAL : config.interval(),
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
