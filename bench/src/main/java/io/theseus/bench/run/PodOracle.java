package io.theseus.bench.run;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The physical limit of detecting a whole-distribution latency shift when pods differ. Each pod's
 * log latency carries a random effect N(0, sigma^2), so even a judge that saw the canary's true
 * latency distribution, with no sampling noise at all, cannot tell a canary whose every latency is
 * {@code factor} times longer from a healthy one whose few pods happen to be that slow. Knowing the
 * canary's distribution means knowing its pods' shifted effects; their mean is the Neyman-Pearson
 * statistic (the stable's pods and the shared time effects have the same law under both hypotheses
 * and carry no information), so no judge with an A/A false-rollback rate of alpha rolls back more
 * such canaries than this test does.
 */
public final class PodOracle {

  private static final NormalDistribution Z = new NormalDistribution(null, 0, 1);

  private PodOracle() {}

  /**
   * The largest share of canaries with every latency times {@code factor} that any judge rolls back
   * at an A/A false-rollback rate of {@code alpha}.
   */
  public static double power(double factor, double podSigma, int canaryPods, double alpha) {
    double separation = Math.log(factor) * Math.sqrt(canaryPods) / podSigma;
    return 1 - Z.cumulativeProbability(Z.inverseCumulativeProbability(1 - alpha) - separation);
  }
}
