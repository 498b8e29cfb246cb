package io.theseus.metrics;

import io.theseus.analysis.MetricEvidence;
import io.theseus.config.MetricSpec;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * Port to a metrics backend: turns a metric of the analysis config into counts for both versions
 * over one tick's window. Implementations never block the calling event loop and bound every call
 * with a timeout.
 */
public interface MetricsProvider {

  /**
   * Fetches one metric's evidence for stable and canary over {@code context.window()} ending at
   * {@code end}, in as few backend queries as the backend allows (one per metric).
   *
   * @return the evidence; fails with {@link NoDataException} when either version has no data or
   *     NaN, {@link StaleDataException} when the newest sample is too old, and {@link
   *     MetricQueryException} for transport, HTTP or format errors
   */
  Future<MetricEvidence> fetch(MetricSpec metric, QueryContext context, Instant end);
}
