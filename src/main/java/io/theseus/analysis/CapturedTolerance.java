package io.theseus.analysis;

import io.theseus.stats.Interval;
import java.time.Instant;
import java.util.List;

/**
 * A metric's figures frozen when the first step (weight at or below the first step) reached its
 * minimum evidence, and the tolerance band every later step is held to.
 *
 * @param stableValue the stable's figure at capture
 * @param stable the stable's confidence bounds at capture
 * @param canaryValue the canary's figure at capture
 * @param canary the canary's confidence bounds at capture
 * @param limit the band: {@code Tolerance.limit} applied to the stable's bound on the worse side,
 *     so the band is widened by the captured noise
 * @param cuts histograms only: the {@code le} bounds splitting requests into the e-process cells
 *     (the stable's median and configured quantile buckets); empty otherwise
 * @param at when it was captured (end of the capturing tick's window)
 * @param slowShareLimit histograms only: the largest share of canary requests slower than the
 *     quantile cut that proves non-inferiority ({@link SlowShare}); NaN otherwise
 * @param tailIndex histograms only: the stable's tail index at the quantile cut ({@link
 *     SlowShare#tailIndex}), which scales the e-process's slack; NaN otherwise or when unknown (a
 *     status written before it existed reads 0, which the slack treats as 1)
 */
public record CapturedTolerance(
    double stableValue,
    Interval stable,
    double canaryValue,
    Interval canary,
    double limit,
    List<Double> cuts,
    Instant at,
    double slowShareLimit,
    double tailIndex) {

  public CapturedTolerance {
    cuts = List.copyOf(cuts);
  }

  /** A capture without a slow-share limit (ratio and gauge metrics). */
  public CapturedTolerance(
      double stableValue,
      Interval stable,
      double canaryValue,
      Interval canary,
      double limit,
      List<Double> cuts,
      Instant at) {
    this(stableValue, stable, canaryValue, canary, limit, cuts, at, Double.NaN, Double.NaN);
  }
}
