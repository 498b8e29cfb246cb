package io.theseus.daemon;

import io.theseus.analysis.MetricEvidence;
import io.theseus.analysis.RatioCounts;
import io.theseus.config.MetricSpec;
import io.theseus.metrics.MetricsProvider;
import io.theseus.metrics.QueryContext;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Request counts as a mesh would report them: 2,000,000 requests per window split by the canary
 * weight in force (read back from the VirtualService), no stable errors, and a settable canary
 * error rate. At weight 0 the canary serves nothing, so a rollback drains, unless a test keeps some
 * of its requests lingering (long-lived connections outliving the route reset).
 */
final class MeshMetrics implements MetricsProvider {

  private static final long PER_PERCENT = 20_000;

  private final IntSupplier canaryWeight;
  private volatile double canaryErrorRate;
  private volatile long lingering;
  private final AtomicInteger fetches = new AtomicInteger();

  MeshMetrics(IntSupplier canaryWeight) {
    this.canaryWeight = canaryWeight;
  }

  void canaryErrorRate(double rate) {
    this.canaryErrorRate = rate;
  }

  /**
   * Requests the canary still serves per window at weight 0: above 1, a rollback's drain check does
   * not pass, so the rollout stays in RollingBack until this is set back to 0.
   */
  void lingeringCanaryRequests(long perWindow) {
    this.lingering = perWindow;
  }

  /**
   * Fetches answered so far: in RollingBack one per tick (its drain check) after the first window.
   */
  int fetches() {
    return fetches.get();
  }

  @Override
  public Future<MetricEvidence> fetch(MetricSpec metric, QueryContext context, Instant end) {
    fetches.incrementAndGet();
    int weight = Math.max(0, canaryWeight.getAsInt());
    long canary = weight == 0 ? lingering : PER_PERCENT * weight;
    long stable = PER_PERCENT * (100 - weight);
    return Future.succeededFuture(
        new MetricEvidence(
            new RatioCounts(stable, 0),
            new RatioCounts(canary, Math.round(canary * canaryErrorRate))));
  }
}
