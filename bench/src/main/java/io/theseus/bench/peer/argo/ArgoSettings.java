package io.theseus.bench.peer.argo;

/**
 * An Argo Rollouts canary: {@code setWeight: 1} then an analysis with two Prometheus metrics,
 * success rate ({@code successCondition: result[0] >= successMin}) and p99 latency ({@code
 * successCondition: result[0] <= p99MaxMs}), each measured every minute.
 *
 * @param successMin least success ratio (0-1) of a measurement
 * @param p99MaxMs largest p99 of a measurement, ms
 * @param limits count and limits of each metric
 */
public record ArgoSettings(double successMin, double p99MaxMs, ArgoMetric.Limits limits) {

  /**
   * stats.md section 6: interval 1m, count 30, failureLimit 3, consecutiveErrorLimit 4
   * (inconclusiveLimit left at its default 0), with the same thresholds as Flagger's example.
   */
  public static ArgoSettings defaults() {
    return new ArgoSettings(0.99, 500, new ArgoMetric.Limits(30, 3, 0, 4));
  }

  /** The same analysis with other thresholds (what tuning changes). */
  public ArgoSettings withThresholds(double successMin, double p99MaxMs) {
    return new ArgoSettings(successMin, p99MaxMs, limits);
  }
}
