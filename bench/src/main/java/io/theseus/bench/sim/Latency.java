package io.theseus.bench.sim;

import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * The latency distribution of one pod: a lognormal body mixed with a Pareto tail, shifted on the
 * log scale by pod and time effects. Everything is closed form so bucket probabilities need no
 * per-request sampling.
 */
public final class Latency {

  private final double logMedian;
  private final double sigma;
  private final double tailShare;
  private final double tailMin;
  private final double tailShape;

  /** The healthy distribution of the model, before pod and time effects. */
  public Latency(TrafficModel model) {
    this(
        Math.log(model.bodyMedianMs()),
        model.bodySigma(),
        model.tailShare(),
        model.tailMinMs(),
        model.tailShape());
  }

  private Latency(double logMedian, double sigma, double tailShare, double tailMin, double shape) {
    this.logMedian = logMedian;
    this.sigma = sigma;
    this.tailShare = tailShare;
    this.tailMin = tailMin;
    this.tailShape = shape;
  }

  /** The same distribution with every latency multiplied by {@code factor}. */
  public Latency scaled(double factor) {
    return new Latency(logMedian + Math.log(factor), sigma, tailShare, tailMin * factor, tailShape);
  }

  /** The same body with only the Pareto tail stretched by {@code factor}. */
  public Latency tailScaled(double factor) {
    return new Latency(logMedian, sigma, tailShare, tailMin * factor, tailShape);
  }

  /** P(latency <= ms) after adding {@code logShift} to log latency (pod and time effects). */
  public double cdf(double ms, double logShift) {
    if (ms == Double.POSITIVE_INFINITY) {
      return 1;
    }
    if (ms <= 0) {
      return 0;
    }
    double logMs = Math.log(ms) - logShift;
    double body = Normal.cdf((logMs - logMedian) / sigma);
    double x = Math.exp(logMs);
    double tail = x <= tailMin ? 0 : 1 - Math.pow(tailMin / x, tailShape);
    return (1 - tailShare) * body + tailShare * tail;
  }

  /** The population quantile {@code q} without pod or time effects, in milliseconds. */
  public double quantile(double q) {
    BrentSolver solver = new BrentSolver(1e-9, 1e-12);
    double hi = Math.exp(logMedian + 10 * sigma) + tailMin * Math.pow(1e-9, -1 / tailShape);
    return solver.solve(200, ms -> cdf(ms, 0) - q, 1e-6, hi);
  }

  /** The tail stretch that raises the population p99 by {@code increase} (0.25 = +25%). */
  public double tailFactorForP99Increase(double increase) {
    double target = quantile(0.99) * (1 + increase);
    BrentSolver solver = new BrentSolver(1e-9, 1e-12);
    return solver.solve(200, f -> tailScaled(f).quantile(0.99) - target, 1, 10);
  }
}
