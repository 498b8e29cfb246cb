package io.theseus.controller;

import io.theseus.analysis.MetricEvidence;
import io.theseus.analysis.RatioCounts;
import io.theseus.config.MetricSpec;
import io.theseus.metrics.MetricQueryException;
import io.theseus.metrics.MetricsProvider;
import io.theseus.metrics.NoDataException;
import io.theseus.metrics.QueryContext;
import io.theseus.metrics.StaleDataException;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * Error-rate counts that follow the mesh: 1000 requests per window split by the router's weights,
 * with a configurable canary error rate; or a metrics outage, stale series or no data on demand.
 */
final class FakeMetrics implements MetricsProvider {

  enum Mode {
    HEALTHY,
    OUTAGE,
    STALE,
    NO_DATA
  }

  private final RecordingRouter router;
  private volatile double canaryErrorRate;
  private volatile Mode mode = Mode.HEALTHY;

  FakeMetrics(RecordingRouter router, double canaryErrorRate) {
    this.router = router;
    this.canaryErrorRate = canaryErrorRate;
  }

  void mode(Mode next) {
    this.mode = next;
  }

  void canaryErrorRate(double rate) {
    this.canaryErrorRate = rate;
  }

  @Override
  public Future<MetricEvidence> fetch(MetricSpec metric, QueryContext context, Instant end) {
    return switch (mode) {
      case OUTAGE -> Future.failedFuture(new MetricQueryException("connection refused"));
      case STALE -> Future.failedFuture(new StaleDataException("newest sample 60s old"));
      case NO_DATA -> Future.failedFuture(new NoDataException("canary has no series"));
      case HEALTHY -> Future.succeededFuture(counts());
    };
  }

  private MetricEvidence counts() {
    int canaryShare = router.state().weights().canary();
    long canary = 10L * canaryShare;
    long stable = 1000 - canary;
    return new MetricEvidence(
        new RatioCounts(stable, stable / 1000),
        new RatioCounts(canary, Math.round(canary * canaryErrorRate)));
  }
}
