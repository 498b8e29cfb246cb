package io.theseus.bench.sim;

import io.theseus.analysis.HistogramCounts;
import io.theseus.analysis.RatioCounts;
import io.theseus.analysis.Version;

/**
 * What both versions produced in one analysis window: the counts the Theseus judge reads and the
 * per-window summary points (error rate, p99) that the peers' queries return.
 *
 * @param seconds window end, in seconds since the canary started taking traffic
 * @param windowSeconds length of the window
 * @param weight nominal canary weight (percent) during the window
 * @param stableRequests the stable version's requests and errors
 * @param canaryRequests the canary's requests and errors
 * @param stableLatency the stable version's latency histogram (Istio ms buckets)
 * @param canaryLatency the canary's latency histogram
 */
public record TickData(
    int seconds,
    int windowSeconds,
    int weight,
    RatioCounts stableRequests,
    RatioCounts canaryRequests,
    HistogramCounts stableLatency,
    HistogramCounts canaryLatency) {

  /** Window end in minutes since the start (fractional for sub-minute windows). */
  public double minutes() {
    return seconds / 60.0;
  }

  /** Requests served by the canary in this window. */
  public long canaryServed() {
    return canaryRequests.total();
  }

  /** errors/total, NaN without requests (Prometheus returns NaN for 0/0). */
  public double errorRate(Version version) {
    RatioCounts counts = version == Version.STABLE ? stableRequests : canaryRequests;
    return counts.total() == 0 ? Double.NaN : (double) counts.errors() / counts.total();
  }

  /** Flagger's {@code request-success-rate}: 100 * non-5xx / all, NaN without requests. */
  public double successRatePercent(Version version) {
    return 100 * (1 - errorRate(version));
  }

  /** {@code histogram_quantile(0.99, ...)} in ms, NaN without requests. */
  public double p99Ms(Version version) {
    return HistogramQuantile.of(0.99, version == Version.STABLE ? stableLatency : canaryLatency);
  }
}
