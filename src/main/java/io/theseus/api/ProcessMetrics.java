package io.theseus.api;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.theseus.telemetry.TheseusMetrics;

/**
 * The process's {@code theseus_*} metrics on their own client_java registry, as the API serves them
 * on {@code /metrics}. Lives here because only telemetry and api may name client_java, and the
 * wiring (demo, daemon) must not.
 */
public final class ProcessMetrics {

  private ProcessMetrics() {}

  /** Fresh metrics on a fresh registry, {@code theseus_info} set to {@code version}. */
  public static TheseusMetrics create(String version) {
    return new TheseusMetrics(new PrometheusRegistry(), version);
  }
}
