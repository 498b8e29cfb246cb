package io.theseus.analysis;

import io.theseus.config.Direction;
import io.theseus.config.MetricSpec;
import io.theseus.config.MinEvidence;
import io.theseus.stats.BetaPrior;

/**
 * What judging one metric in the current step needs besides its state.
 *
 * @param spec the metric
 * @param share the nominal canary share of requests in this step (weight / 100)
 * @param csAlpha miss probability of each confidence bound in this step
 * @param logThreshold the rollout log e-value at which the canary is significantly worse
 * @param minEvidence the least the step must see before PASS
 * @param captured the tolerance captured in the first step, or null before capture
 */
record StepContext(
    MetricSpec spec,
    double share,
    double csAlpha,
    double logThreshold,
    MinEvidence minEvidence,
    CapturedTolerance captured) {

  /**
   * Prior of the split test: per cell an equal mixture of Betas centred on the nominal share and on
   * the shares a 2x and a 5x higher rate of the cell's outcome in the canary would give.
   */
  java.util.List<BetaPrior> splitPrior() {
    return BetaPrior.oddsGrid(share, 1, 2, 5);
  }

  boolean higherIsWorse() {
    return spec.direction() == Direction.INCREASE;
  }

  StepContext withCaptured(CapturedTolerance tolerance) {
    return new StepContext(spec, share, csAlpha, logThreshold, minEvidence, tolerance);
  }

  /**
   * True when {@code value} is worse than {@code limit} in the metric's direction; NaN never is.
   */
  boolean worse(double value, double limit) {
    return higherIsWorse() ? value > limit : value < limit;
  }
}
