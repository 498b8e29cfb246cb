package io.theseus.stats;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The maximum log-likelihood of a 2×K table's canary shares {@code θ_k} (cells best to worst) over
 * the null "no worse cell's canary odds exceed a better cell's by more than the factor {@code
 * e^γ}": {@code logit θ_j − logit θ_i <= γ} for every {@code i < j}. With {@code γ = 0} this is the
 * antitonic null of {@link SplitTest}; {@code γ = ∞} leaves the shares free.
 *
 * <p>The null set is exactly {@code {λ : ∃ μ non-increasing, μ_k <= λ_k <= μ_k + γ}} ({@code λ =
 * logit θ}; take {@code μ_k = max_{j>=k} λ_j − γ}). For a fixed {@code μ} each cell's best {@code
 * λ_k} is its own estimate clamped to {@code [μ_k, μ_k + γ]}, which leaves a separable concave
 * profile {@code g_k(μ_k)}; maximising {@code Σ g_k} over non-increasing {@code μ} is an isotonic
 * problem solved by pool-adjacent-violators on the blocks' maximiser intervals (a later block whose
 * lowest maximiser is above the earlier block's highest one is merged into it).
 */
final class SlackedAntitonicFit {

  /** Logit range searched; beyond it the profiles are flat to double precision for any count. */
  private static final double LOGIT_RANGE = 60;

  private static final int BISECTIONS = 200;

  private SlackedAntitonicFit() {}

  /** {@code max Σ_k [c_k ln θ_k + b_k ln(1 − θ_k)]} over the null with slack {@code logSlack}. */
  static double maxLogLikelihood(long[] canary, long[] stable, double logSlack) {
    Deque<Block> blocks = new ArrayDeque<>();
    for (int k = 0; k < canary.length; k++) {
      if (canary[k] + stable[k] == 0) {
        continue; // an empty cell constrains nothing
      }
      Block block = new Block(k, k, canary, stable, logSlack);
      while (!blocks.isEmpty() && block.lowest > blocks.peek().highest) {
        block = new Block(blocks.pop().first, block.last, canary, stable, logSlack);
      }
      blocks.push(block);
    }
    double sum = 0;
    for (Block block : blocks) {
      sum += block.value();
    }
    return sum;
  }

  /** Contiguous cells sharing one {@code μ}, with the interval of maximisers of their profile. */
  private static final class Block {
    final int first;
    final int last;
    final double lowest;
    final double highest;
    private final long[] canary;
    private final long[] stable;
    private final double slack;

    Block(int first, int last, long[] canary, long[] stable, double slack) {
      this.first = first;
      this.last = last;
      this.canary = canary;
      this.stable = stable;
      this.slack = slack;
      this.lowest = lastWhere(true);
      this.highest = lastWhere(false);
    }

    /**
     * The profile's slope is non-increasing in {@code μ}: the maximisers run from the last point
     * where it is positive to the first where it is negative (bisection over the logit range).
     */
    private double lastWhere(boolean positive) {
      double lo = -LOGIT_RANGE;
      double hi = LOGIT_RANGE;
      if (positive ? slope(lo) <= 0 : slope(hi) >= 0) {
        return positive ? lo : hi;
      }
      for (int i = 0; i < BISECTIONS && hi - lo > 1e-13; i++) {
        double mid = (lo + hi) / 2;
        boolean rising = positive ? slope(mid) > 0 : slope(mid) >= 0;
        if (rising) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      return positive ? lo : hi;
    }

    /** {@code Σ_k d g_k / dμ}: each cell pulls up while its estimate is above the window. */
    private double slope(double mu) {
      double lower = logistic(mu);
      double upper = logistic(mu + slack);
      double sum = 0;
      for (int k = first; k <= last; k++) {
        long n = canary[k] + stable[k];
        sum += Math.max(0, canary[k] - n * upper) + Math.min(0, canary[k] - n * lower);
      }
      return sum;
    }

    double value() {
      double mu = Math.max(-LOGIT_RANGE, Math.min(LOGIT_RANGE, (lowest + highest) / 2));
      double lower = logistic(mu);
      double upper = logistic(mu + slack);
      double sum = 0;
      for (int k = first; k <= last; k++) {
        long n = canary[k] + stable[k];
        double share = Math.min(upper, Math.max(lower, (double) canary[k] / n));
        sum += BetaMixture.logLikelihood(canary[k], stable[k], share);
      }
      return sum;
    }
  }

  private static double logistic(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
