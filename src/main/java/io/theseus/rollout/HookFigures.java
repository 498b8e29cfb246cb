package io.theseus.rollout;

import java.util.Arrays;

/**
 * What one performance hook measured in one run.
 *
 * @param hook the hook's name
 * @param weight the canary weight (percent) the run happened at
 * @param p95Millis the 95th percentile of the run's request latencies (nearest rank), in ms
 * @param requests how many requests the figure is over
 */
public record HookFigures(String hook, int weight, double p95Millis, int requests) {

  /** The figures of a run whose requests took {@code latenciesMillis}; at least one. */
  public static HookFigures measured(String hook, int weight, double[] latenciesMillis) {
    if (latenciesMillis.length == 0) {
      throw new IllegalArgumentException(hook + ": no latencies measured");
    }
    double[] sorted = latenciesMillis.clone();
    Arrays.sort(sorted);
    // Nearest rank: the smallest latency that at least 95% of the requests did not exceed;
    // ceil(0.95 n) in integers, so no floating-point rounding can move it by one.
    int rank = (95 * sorted.length + 99) / 100;
    return new HookFigures(hook, weight, sorted[rank - 1], sorted.length);
  }
}
