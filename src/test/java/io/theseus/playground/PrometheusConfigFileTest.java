package io.theseus.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusConfigFileTest {

  @Test
  void groupsTargetsByJobWithTheScrapeTimeoutBelowTheInterval() {
    String yml =
        PrometheusConfigFile.render(
            List.of(
                ScrapeTarget.local("istio", 8001),
                ScrapeTarget.local("istio", 8002),
                new ScrapeTarget("theseus", "127.0.0.1:9000", "/metrics")),
            Duration.ofSeconds(1));

    assertThat(yml)
        .contains("scrape_interval: 1000ms\n  scrape_timeout: 900ms")
        .contains("  - job_name: 'istio'\n")
        .contains("targets: ['127.0.0.1:8001', '127.0.0.1:8002']")
        .contains("  - job_name: 'theseus_2'\n    metrics_path: '/metrics'")
        .contains("labels: {job: 'theseus'}");
  }

  @Test
  void rejectsTargetsThatCouldBreakTheYaml() {
    assertThatThrownBy(() -> new ScrapeTarget("a b", "127.0.0.1:1", "/m"))
        .hasMessageContaining("job must match");
    assertThatThrownBy(() -> new ScrapeTarget("a", "x']:1", "/m"))
        .hasMessageContaining("address must be host:port");
    assertThatThrownBy(() -> new ScrapeTarget("a", "127.0.0.1:1", "/m'"))
        .hasMessageContaining("metricsPath must start with /");
  }
}
