package io.theseus.metrics;

import io.theseus.metrics.prometheus.PrometheusMetricsProvider;
import io.theseus.metrics.prometheus.PrometheusOptions;
import io.vertx.core.Vertx;
import java.util.Locale;
import java.util.Map;

/**
 * Creates the {@link MetricsProvider} named by {@code THESEUS_METRICS_PROVIDER} (default {@code
 * prometheus}). An unknown type is an error naming the key; there is no silent fallback.
 */
public final class MetricsProviders {

  /** The key naming the provider type. */
  public static final String TYPE_KEY = "THESEUS_METRICS_PROVIDER";

  /** The provider types known. */
  public static final String TYPES = "prometheus";

  private MetricsProviders() {}

  /**
   * The configured provider. Call at wiring time: it may read a CA file.
   *
   * @param env environment-style configuration ({@code THESEUS_*} keys)
   * @param observer told of every query, for telemetry
   * @throws IllegalArgumentException naming the key of an unknown type or invalid option
   */
  public static MetricsProvider create(
      Vertx vertx, Map<String, String> env, QueryObserver observer) {
    String type = env.getOrDefault(TYPE_KEY, "prometheus").strip().toLowerCase(Locale.ROOT);
    if (type.equals("prometheus")) {
      return new PrometheusMetricsProvider(vertx, PrometheusOptions.fromEnv(env), observer);
    }
    throw new IllegalArgumentException(
        TYPE_KEY + ": unknown metrics provider type '" + type + "' (allowed: " + TYPES + ")");
  }
}
