package io.theseus.daemon;

import io.theseus.analysis.MetricEvidence;
import io.theseus.analysis.RatioCounts;
import io.theseus.config.MetricSpec;
import io.theseus.metrics.MetricsProvider;
import io.theseus.metrics.QueryContext;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.function.IntSupplier;

/**
 * Request counts as a mesh would report them: 2,000,000 requests per window split by the canary
 * weight in force (read back from the VirtualService), no stable errors, and a settable canary
 * error rate. At weight 0 the canary serves nothing, so a rollback drains.
 */
final class MeshMetrics implements MetricsProvider {

  private static final long PER_PERCENT = 20_000;

  private final IntSupplier canaryWeight;
  private volatile double canaryErrorRate;

  MeshMetrics(IntSupplier canaryWeight) {
    this.canaryWeight = canaryWeight;
  }

  void canaryErrorRate(double rate) {
    this.canaryErrorRate = rate;
  }

  @Override
  public Future<MetricEvidence> fetch(MetricSpec metric, QueryContext context, Instant end) {
    int weight = Math.max(0, canaryWeight.getAsInt());
    long canary = PER_PERCENT * weight;
    long stable = PER_PERCENT * (100 - weight);
    return Future.succeededFuture(
        new MetricEvidence(
            new RatioCounts(stable, 0),
            new RatioCounts(canary, Math.round(canary * canaryErrorRate))));
  }
}
