package io.theseus.metrics;

import java.time.Duration;

/**
 * Told of every backend query a {@link MetricsProvider} makes, for telemetry (query duration and
 * errors by kind). Called on the provider's event loop: implementations must not block.
 */
@FunctionalInterface
public interface QueryObserver {

  /** Observes nothing. */
  QueryObserver NONE = (metric, elapsed, failure) -> {};

  /**
   * One query, including its retries, has completed.
   *
   * @param metric the analysis config's metric name
   * @param elapsed wall time from the first attempt to the outcome
   * @param failure null on success, else the failure the caller receives
   */
  void observe(String metric, Duration elapsed, MetricQueryException failure);
}
