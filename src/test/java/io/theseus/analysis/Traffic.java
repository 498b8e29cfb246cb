package io.theseus.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.LogNormalDistribution;

/**
 * Seeded traffic for judge tests: Poisson request counts split between versions by the actual
 * canary share, Bernoulli errors, lognormal latency binned into Prometheus' default buckets (in
 * seconds), and a CPU gauge. Every count is drawn as a Poisson variate per (version, cell), which
 * is exactly the model under which the judge's split test is calibrated.
 */
final class Traffic {

  static final double[] LE = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, Double.POSITIVE_INFINITY
  };

  /**
   * How one version behaves: error rate, latency multiplier of the whole distribution, the share of
   * requests that are {@code tailFactor} times slower (a tail-only regression), CPU level.
   */
  record Behaviour(
      double errorRate, double latencyScale, double tailShare, double tailFactor, double cpu) {
    static final Behaviour HEALTHY = new Behaviour(0.001, 1.0, 0, 1, 0.5);

    Behaviour withErrorRate(double rate) {
      return new Behaviour(rate, latencyScale, tailShare, tailFactor, cpu);
    }

    Behaviour withLatencyScale(double scale) {
      return new Behaviour(errorRate, scale, tailShare, tailFactor, cpu);
    }

    Behaviour withSlowTail(double share, double factor) {
      return new Behaviour(errorRate, latencyScale, share, factor, cpu);
    }
  }

  private final SplittableRandom random;
  private final double requestsPerSecond;
  private final Duration interval;
  private final double shareFactor;

  /**
   * @param seed random seed
   * @param requestsPerSecond total request rate of the service
   * @param interval tick window
   * @param shareFactor actual canary share over the nominal weight (1.3 = 1.3% at a 1% weight)
   */
  Traffic(long seed, double requestsPerSecond, Duration interval, double shareFactor) {
    this.random = new SplittableRandom(seed);
    this.requestsPerSecond = requestsPerSecond;
    this.interval = interval;
    this.shareFactor = shareFactor;
  }

  /** One tick at the weight, with evidence for metrics error-rate, latency and cpu. */
  TickEvidence tick(Instant time, int weight, Behaviour stable, Behaviour canary) {
    double share = Math.min(1, weight / 100.0 * shareFactor);
    double requests = requestsPerSecond * interval.toSeconds();
    Map<String, MetricEvidence> metrics = new LinkedHashMap<>();
    long[] stableCounts = version(requests * (1 - share), stable);
    long[] canaryCounts = version(requests * share, canary);
    metrics.put("error-rate", new MetricEvidence(ratio(stableCounts), ratio(canaryCounts)));
    metrics.put("latency", new MetricEvidence(histogram(stableCounts), histogram(canaryCounts)));
    metrics.put("cpu", new MetricEvidence(gauge(stable), gauge(canary)));
    return new TickEvidence(time, weight, metrics, Map.of());
  }

  /** Per latency bucket the requests, followed by the error count. */
  private long[] version(double requests, Behaviour b) {
    LogNormalDistribution body =
        new LogNormalDistribution(null, Math.log(0.04 * b.latencyScale()), 0.6, 1e-9);
    LogNormalDistribution tail =
        new LogNormalDistribution(
            null, Math.log(0.04 * b.latencyScale() * b.tailFactor()), 0.6, 1e-9);
    long[] counts = new long[LE.length + 1];
    double below = 0;
    long total = 0;
    for (int k = 0; k < LE.length; k++) {
      double cdf =
          k == LE.length - 1
              ? 1
              : (1 - b.tailShare()) * body.cumulativeProbability(LE[k])
                  + b.tailShare() * tail.cumulativeProbability(LE[k]);
      counts[k] = poisson(requests * (cdf - below));
      below = cdf;
      total += counts[k];
    }
    counts[LE.length] = binomial(total, b.errorRate());
    return counts;
  }

  private static RatioCounts ratio(long[] counts) {
    long total = 0;
    for (int k = 0; k < LE.length; k++) {
      total += counts[k];
    }
    return new RatioCounts(total, counts[LE.length]);
  }

  private static HistogramCounts histogram(long[] counts) {
    Map<Double, Long> cumulative = new TreeMap<>();
    long sum = 0;
    for (int k = 0; k < LE.length; k++) {
      sum += counts[k];
      cumulative.put(LE[k], sum);
    }
    return HistogramCounts.of(cumulative);
  }

  private GaugeValues gauge(Behaviour b) {
    List<Double> readings = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      readings.add(b.cpu() + 0.05 * gaussian());
    }
    return new GaugeValues(readings);
  }

  /** Exact Poisson for small means (multiplication), normal approximation above 50. */
  long poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 50) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian()));
    }
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    long k = 0;
    while (product > limit) {
      product *= random.nextDouble();
      k++;
    }
    return k;
  }

  /** Binomial via the Poisson approximation for rare events, clamped to the trials. */
  private long binomial(long trials, double p) {
    return Math.min(trials, poisson(trials * p));
  }

  private double gaussian() {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  static Map<String, MetricEvidence> only(TickEvidence tick, String... names) {
    Map<String, MetricEvidence> kept = new HashMap<>();
    for (String name : names) {
      kept.put(name, tick.metrics().get(name));
    }
    return kept;
  }
}
