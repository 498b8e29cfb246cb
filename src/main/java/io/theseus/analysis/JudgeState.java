package io.theseus.analysis;

import java.time.Instant;
import java.util.Map;

/**
 * Everything the judge remembers between ticks, as plain records so the rollout can persist it in
 * its status and resume after a restart. Start with {@link #initial()}; each {@link Decision}
 * carries the next one.
 *
 * @param stage index into the config's steps of the current step, -1 before the first tick
 * @param weight the canary weight the current step's ticks were observed at
 * @param stageStart start of the current step (window start of its first tick)
 * @param ticks ticks seen in the current step
 * @param canaryRequests canary requests seen in the current step (the largest count over the ratio
 *     and histogram metrics)
 * @param metrics per metric name, its e-process and the current step's observations
 * @param captured per metric name, the tolerance captured in the first step
 */
public record JudgeState(
    int stage,
    int weight,
    Instant stageStart,
    int ticks,
    long canaryRequests,
    Map<String, MetricState> metrics,
    Map<String, CapturedTolerance> captured) {

  public JudgeState {
    metrics = Map.copyOf(metrics);
    captured = Map.copyOf(captured);
  }

  /** The state before the first tick of a rollout. */
  public static JudgeState initial() {
    return new JudgeState(-1, 0, Instant.EPOCH, 0, 0, Map.of(), Map.of());
  }

  /**
   * This state with the current step's deadline clock started again at {@code start} (a resumed
   * rollout gets a whole {@code stepDeadline}); the evidence gathered so far is kept.
   */
  public JudgeState withStepClockFrom(Instant start) {
    return stage < 0
        ? this
        : new JudgeState(stage, weight, start, ticks, canaryRequests, metrics, captured);
  }

  /** The metric's state, fresh if it has none yet. */
  public MetricState metric(String name) {
    return metrics.getOrDefault(name, MetricState.FRESH);
  }
}
