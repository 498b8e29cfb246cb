package io.theseus.bench.sim;

import io.theseus.analysis.HistogramCounts;
import io.theseus.analysis.RatioCounts;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Draws one analysis window of traffic for a scenario and seed. Each window has its own random
 * stream derived from (seed, minute), so the window a judge sees at minute m depends only on the
 * seed, the scenario and the weight the judge chose, never on what it did earlier.
 */
public final class Simulator {

  private final TrafficModel model;
  private final Scenario scenario;
  private final long seed;
  private final World world;
  private final Latency stable;
  private final Latency canary;

  /** A simulator for one scenario and seed. */
  public Simulator(TrafficModel model, Scenario scenario, long seed) {
    this.model = scenario.dependence().apply(model);
    this.scenario = scenario;
    this.seed = seed;
    this.world = new World(this.model, seed, scenario.incidentMinute());
    this.stable = new Latency(model);
    Latency tail =
        scenario.p99Increase() == 0
            ? stable
            : stable.tailScaled(stable.tailFactorForP99Increase(scenario.p99Increase()));
    this.canary = tail.scaled(scenario.latencyScale());
  }

  /**
   * The window of {@code length} seconds ending {@code end} seconds after the start, with the
   * canary at {@code nominalWeight} percent. Time effects are those of the minute holding the end.
   */
  public TickData tick(int end, int length, int nominalWeight) {
    SplittableRandom rnd = new SplittableRandom((seed * 0x9E3779B97F4A7C15L + end) * 31 + length);
    int minute = (end + 59) / 60;
    double volume = model.rps() * length * world.load(minute);
    long total = Sampling.poissonLarge(rnd, volume);
    double share = Math.min(1, nominalWeight / 100.0 * scenario.splitFactor());
    long canaryN = Sampling.binomial(rnd, total, share);
    long stableN = total - canaryN;
    double errorFactor = world.errorFactor(minute);
    double shift = world.logLatencyShift(minute);
    return new TickData(
        end,
        length,
        nominalWeight,
        errors(rnd, stableN, model.errorRate() * errorFactor),
        errors(rnd, canaryN, scenario.canaryErrorRate() * errorFactor),
        latency(rnd, stableN, stable, world.stablePodEffects, shift),
        latency(rnd, canaryN, canary, world.canaryPodEffects, shift));
  }

  private static RatioCounts errors(SplittableRandom rnd, long n, double p) {
    return new RatioCounts(n, Sampling.binomial(rnd, n, Math.min(1, p)));
  }

  /** Each request picks a pod uniformly, so the window is multinomial over the pod mixture. */
  private static HistogramCounts latency(
      SplittableRandom rnd, long n, Latency dist, double[] pods, double shift) {
    double[] bounds = Buckets.ISTIO_MS;
    double[] probs = new double[bounds.length];
    for (double pod : pods) {
      double below = 0;
      for (int k = 0; k < bounds.length; k++) {
        double cdf = dist.cdf(bounds[k], pod + shift);
        probs[k] += (cdf - below) / pods.length;
        below = cdf;
      }
    }
    long[] counts = Sampling.multinomial(rnd, n, probs);
    TreeMap<Double, Long> cumulative = new TreeMap<>();
    long sum = 0;
    for (int k = 0; k < bounds.length; k++) {
      sum += counts[k];
      cumulative.put(bounds[k], sum);
    }
    return new HistogramCounts(cumulative);
  }
}
