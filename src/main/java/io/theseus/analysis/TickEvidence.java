package io.theseus.analysis;

import java.time.Instant;
import java.util.Map;

/**
 * Everything observed in one tick: counts over the tick's window for each metric of the analysis
 * config. A metric absent from {@code metrics} has no usable data this tick, and {@code missing}
 * says why (no data, stale series, query error); the judge treats it as INCONCLUSIVE, never PASS.
 *
 * @param time end of the tick's window
 * @param weight canary traffic weight (percent, 0-100) in force during the window
 * @param metrics metric name to the evidence for both versions
 * @param missing metric name to the reason it has no evidence this tick
 */
public record TickEvidence(
    Instant time, int weight, Map<String, MetricEvidence> metrics, Map<String, String> missing) {

  public TickEvidence {
    if (weight < 0 || weight > 100) {
      throw new IllegalArgumentException("weight must be within 0-100, got " + weight);
    }
    metrics = Map.copyOf(metrics);
    missing = Map.copyOf(missing);
  }
}
