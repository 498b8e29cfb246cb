package io.theseus.bench.run;

/**
 * The physical limit of error-rate detection (stats.md section 6): a sequential probability ratio
 * test that knows both rates needs on average about ln(1/alpha) / KL(p1 || p0) canary requests.
 */
public final class WaldOracle {

  private WaldOracle() {}

  /** Expected canary requests to detect error rate {@code p0 -> p1} at level {@code alpha}. */
  public static double requests(double p0, double p1, double alpha) {
    return Math.log(1 / alpha) / klBernoulli(p1, p0);
  }

  /** KL(Bernoulli(p) || Bernoulli(q)) in nats. */
  static double klBernoulli(double p, double q) {
    return p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q));
  }
}
