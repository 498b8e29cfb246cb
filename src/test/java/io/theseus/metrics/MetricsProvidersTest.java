package io.theseus.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsProvidersTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void createsThePrometheusProviderByDefault() {
    assertThat(MetricsProviders.create(vertx, Map.of(), QueryObserver.NONE)).isNotNull();
  }

  @Test
  void rejectsAnUnknownTypeNamingTheKey() {
    assertThatThrownBy(
            () ->
                MetricsProviders.create(
                    vertx, Map.of("THESEUS_METRICS_PROVIDER", "datadog"), QueryObserver.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "THESEUS_METRICS_PROVIDER: unknown metrics provider type 'datadog' (allowed: prometheus)");
  }

  @Test
  void passesInvalidProviderOptionsThroughNamingTheirKey() {
    assertThatThrownBy(
            () ->
                MetricsProviders.create(
                    vertx, Map.of("THESEUS_PROMETHEUS_TIMEOUT", "soon"), QueryObserver.NONE))
        .hasMessageStartingWith("THESEUS_PROMETHEUS_TIMEOUT: invalid value 'soon'");
  }
}
