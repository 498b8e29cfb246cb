package io.theseus.bench.sim;

/**
 * The fixed workload every scenario shares: traffic volume, the latency distribution (lognormal
 * body plus Pareto tail), per-pod random effects, shared time effects and the baseline error rate.
 * Scenarios only change the canary (its error rate, latency scale, traffic share).
 *
 * @param rps total requests per second to the service (both versions)
 * @param errorRate Bernoulli error probability per request of a healthy version
 * @param bodyMedianMs median of the lognormal body, in milliseconds
 * @param bodySigma log-scale standard deviation of the body
 * @param tailShare share of requests drawn from the Pareto tail
 * @param tailMinMs Pareto scale (smallest tail latency), in milliseconds
 * @param tailShape Pareto shape (tail index)
 * @param podSigma standard deviation of each pod's random effect on log latency
 * @param stablePods pods of the stable version
 * @param canaryPods pods of the canary version
 * @param timeEffects shared (both versions) time effects
 */
public record TrafficModel(
    double rps,
    double errorRate,
    double bodyMedianMs,
    double bodySigma,
    double tailShare,
    double tailMinMs,
    double tailShape,
    double podSigma,
    int stablePods,
    int canaryPods,
    TimeEffects timeEffects) {

  /**
   * Shared time effects that hit both versions alike.
   *
   * @param diurnalAmplitude relative swing of the request rate over a day
   * @param loadLatency change of log latency per unit of relative load
   * @param noiseSigma innovation standard deviation of the per-minute AR(1) noise on log latency
   * @param noiseAutocorrelation AR(1) coefficient of that noise
   * @param incidentsPerMinute rate of incident bursts (Poisson)
   * @param incidentMinMinutes shortest incident
   * @param incidentMaxMinutes longest incident
   * @param incidentLogLatency added to log latency during an incident
   * @param incidentErrorFactor multiplies the error rate during an incident
   */
  public record TimeEffects(
      double diurnalAmplitude,
      double loadLatency,
      double noiseSigma,
      double noiseAutocorrelation,
      double incidentsPerMinute,
      int incidentMinMinutes,
      int incidentMaxMinutes,
      double incidentLogLatency,
      double incidentErrorFactor) {}

  /**
   * The same traffic with independent requests: no pod effects and no shared time effects. Only for
   * the diagnostic scenario that separates a judge's own error rate from what dependence adds.
   */
  public TrafficModel independent() {
    return withoutPodEffects().withoutTimeEffects();
  }

  /** The same traffic without per-pod effects (diagnostic scenarios only). */
  public TrafficModel withoutPodEffects() {
    return withPodSigma(0);
  }

  /** The same traffic with another per-pod standard deviation (`bench/run --pod-sigma`). */
  public TrafficModel withPodSigma(double sigma) {
    return new TrafficModel(
        rps,
        errorRate,
        bodyMedianMs,
        bodySigma,
        tailShare,
        tailMinMs,
        tailShape,
        sigma,
        stablePods,
        canaryPods,
        timeEffects);
  }

  /** The same traffic without shared time effects (diagnostic scenarios only). */
  public TrafficModel withoutTimeEffects() {
    TimeEffects none = new TimeEffects(0, 0, 0, 0, 0, 1, 1, 0, 1);
    return new TrafficModel(
        rps,
        errorRate,
        bodyMedianMs,
        bodySigma,
        tailShare,
        tailMinMs,
        tailShape,
        podSigma,
        stablePods,
        canaryPods,
        none);
  }

  /** The benchmark's workload, fixed before any judge was run (see docs/benchmarks.md). */
  public static TrafficModel standard() {
    return new TrafficModel(
        1000,
        0.001,
        40,
        0.5,
        0.02,
        150,
        2.0,
        0.05,
        20,
        2,
        new TimeEffects(0.3, 0.2, 0.03, 0.7, 1.0 / 180, 2, 6, Math.log(1.4), 5));
  }
}
