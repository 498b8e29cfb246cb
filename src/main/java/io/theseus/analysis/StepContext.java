package io.theseus.analysis;

import io.theseus.config.Direction;
import io.theseus.config.MetricSpec;
import io.theseus.config.MinEvidence;
import io.theseus.stats.BetaPrior;
import io.theseus.stats.Interval;

/**
 * What judging one metric in the current step needs besides its state.
 *
 * @param spec the metric
 * @param share the nominal canary share of requests in this step (weight / 100)
 * @param csAlpha miss probability of each confidence bound that can roll back (the canary's bound
 *     on the better side, the stable's at capture)
 * @param passAlpha miss probability of the canary's bound on the worse side, which only decides
 *     PASS: the config's whole alpha (times the segment's share), since a step passes only when
 *     every metric does and the canary must pass every step
 * @param logThreshold the rollout log e-value at which the canary is significantly worse
 * @param minEvidence the least the step must see before PASS
 * @param captured the tolerance captured in the first step, or null before capture
 * @param captureStep the step is the first of several, whose job is to capture the tolerances: it
 *     may pass on the captured band without the non-inferiority proof, which the later steps give
 * @param restartable a step after the capture step, with a captured band: a tick in which the live
 *     stable is outside the band holds the metric and restarts the step's non-inferiority evidence
 *     (the bounds' alphas are then the segment's share, see {@link MetricState#segmentShare})
 */
record StepContext(
    MetricSpec spec,
    double share,
    double csAlpha,
    double passAlpha,
    double logThreshold,
    MinEvidence minEvidence,
    CapturedTolerance captured,
    boolean captureStep,
    boolean restartable) {

  /**
   * Prior of the split test: per cell an equal mixture of Betas centred on the nominal share and on
   * the shares a 2x and a 5x higher rate of the cell's outcome in the canary would give.
   */
  java.util.List<BetaPrior> splitPrior() {
    return BetaPrior.oddsGrid(share, 1, 2, 5);
  }

  /**
   * Prior of a ratio metric's split test, per cell. The better cell (ok requests, for an error
   * rate) usually holds nearly all requests, and its canary share is then the real split: an equal
   * mixture of a Beta concentrated on the nominal share (smaller shape 30, about ±18%: real splits
   * sit near the configured weight, 1.3x in the benchmark's split-mismatch scenario) and the
   * diffuse one (smaller shape 1) for a split far from it. The worse cell gets the shares a 2x, 5x
   * and 10x higher odds of the worse outcome in the canary would give: regressions beyond the
   * tolerance, the only ones a FAIL needs power against (docs/judge.md).
   */
  java.util.List<java.util.List<BetaPrior>> ratioPrior() {
    java.util.List<BetaPrior> better =
        java.util.List.of(BetaPrior.centredOn(share, 30), BetaPrior.centredOn(share));
    return java.util.List.of(better, BetaPrior.oddsGrid(share, 2, 5, 10));
  }

  /**
   * The canary's bounds: the better side from the strict bound, the worse side from the pass one.
   */
  Interval canaryBounds(Interval strict, Interval pass) {
    return higherIsWorse()
        ? new Interval(strict.lower(), pass.upper())
        : new Interval(pass.lower(), strict.upper());
  }

  boolean higherIsWorse() {
    return spec.direction() == Direction.INCREASE;
  }

  StepContext withCaptured(CapturedTolerance tolerance) {
    return new StepContext(
        spec,
        share,
        csAlpha,
        passAlpha,
        logThreshold,
        minEvidence,
        tolerance,
        captureStep,
        restartable);
  }

  /**
   * True when {@code value} is worse than {@code limit} in the metric's direction; NaN never is.
   */
  boolean worse(double value, double limit) {
    return higherIsWorse() ? value > limit : value < limit;
  }
}
