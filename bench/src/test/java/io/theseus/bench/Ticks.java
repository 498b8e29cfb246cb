package io.theseus.bench;

import io.theseus.analysis.HistogramCounts;
import io.theseus.analysis.RatioCounts;
import io.theseus.bench.sim.TickData;
import java.util.Map;

/** Hand-made one-minute windows for the peers' rule tests. */
public final class Ticks {

  private Ticks() {}

  /**
   * A window where the stable version serves 10 000 requests with 10 errors, all under 100 ms, and
   * the canary {@code canaryTotal} requests with {@code canaryErrors} errors, of which {@code
   * canarySlow} take 250-500 ms and the rest under 100 ms.
   */
  public static TickData minute(int minute, long canaryTotal, long canaryErrors, long canarySlow) {
    return new TickData(
        minute * 60,
        60,
        1,
        new RatioCounts(10_000, 10),
        new RatioCounts(canaryTotal, canaryErrors),
        histogram(10_000, 0),
        histogram(canaryTotal, canarySlow));
  }

  private static HistogramCounts histogram(long total, long slow) {
    long fast = total - slow;
    return HistogramCounts.of(
        Map.of(100.0, fast, 250.0, fast, 500.0, total, Double.POSITIVE_INFINITY, total));
  }
}
