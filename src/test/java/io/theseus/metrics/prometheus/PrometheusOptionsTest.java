package io.theseus.metrics.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.theseus.metrics.prometheus.PrometheusOptions.Auth;
import io.theseus.testing.EnvLines;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusOptionsTest {

  @Test
  void defaultsSuitAnInClusterIstioPrometheus() {
    PrometheusOptions options = PrometheusOptions.fromEnv(Map.of());

    assertThat(options.url()).isEqualTo(URI.create("http://prometheus.istio-system:9090"));
    assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.attempts()).isEqualTo(3);
    assertThat(options.staleAfter()).isEqualTo(Duration.ofSeconds(45));
    assertThat(options.auth()).isEqualTo(new Auth.None());
    assertThat(options.pathPrefix()).isEmpty();
  }

  @Test
  void readsEveryKey() {
    PrometheusOptions options =
        PrometheusOptions.fromEnv(
            EnvLines.parse(
                """
                THESEUS_PROMETHEUS_URL=https://mimir.example/prometheus/
                THESEUS_PROMETHEUS_TIMEOUT=500ms
                THESEUS_PROMETHEUS_ATTEMPTS=5
                THESEUS_PROMETHEUS_BACKOFF=1s
                THESEUS_PROMETHEUS_SCRAPE_INTERVAL=30s
                THESEUS_PROMETHEUS_STALE_SCRAPES=2
                THESEUS_PROMETHEUS_BEARER_TOKEN_FILE=/var/run/token
                THESEUS_PROMETHEUS_CA_FILE=/etc/ca.pem
                THESEUS_PROMETHEUS_INSECURE_SKIP_VERIFY=true
                THESEUS_PROMETHEUS_HEADERS=X-Scope-OrgID=team-a, X-Extra=1
                """));

    assertThat(options.pathPrefix()).isEqualTo("/prometheus");
    assertThat(options.timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(options.attempts()).isEqualTo(5);
    assertThat(options.backoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(options.staleAfter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(options.auth()).isEqualTo(new Auth.BearerFile(Path.of("/var/run/token")));
    assertThat(options.tls().caFile()).isEqualTo(Path.of("/etc/ca.pem"));
    assertThat(options.tls().insecureSkipVerify()).isTrue();
    assertThat(options.headers())
        .containsEntry("X-Scope-OrgID", "team-a")
        .containsEntry("X-Extra", "1");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "THESEUS_PROMETHEUS_URL | ftp://x | THESEUS_PROMETHEUS_URL: invalid value 'ftp://x'",
        "THESEUS_PROMETHEUS_TIMEOUT | 10 | THESEUS_PROMETHEUS_TIMEOUT: invalid value '10' (a positive duration",
        "THESEUS_PROMETHEUS_ATTEMPTS | 0 | THESEUS_PROMETHEUS_ATTEMPTS: invalid value '0'",
        "THESEUS_PROMETHEUS_INSECURE_SKIP_VERIFY | yes | THESEUS_PROMETHEUS_INSECURE_SKIP_VERIFY: invalid value 'yes' (true or false)",
        "THESEUS_PROMETHEUS_HEADERS | A=1,token: s3cret | THESEUS_PROMETHEUS_HEADERS: entry 2 is not Name=value",
        "THESEUS_PROMETHEUS_USERNAME | me | THESEUS_PROMETHEUS_PASSWORD: missing"
      })
  void namesTheKeyOfAnInvalidValue(String key, String value, String message) {
    assertThatThrownBy(() -> PrometheusOptions.fromEnv(Map.of(key, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void redactsSecretsInToString() {
    PrometheusOptions options =
        PrometheusOptions.fromEnv(
            Map.of(
                "THESEUS_PROMETHEUS_USERNAME", "me",
                "THESEUS_PROMETHEUS_PASSWORD", "hunter2",
                "THESEUS_PROMETHEUS_HEADERS", "X-Scope-OrgID=secret-tenant"));

    assertThat(options.toString())
        .doesNotContain("hunter2")
        .doesNotContain("secret-tenant")
        .contains("username=me")
        .contains("X-Scope-OrgID=***");
  }
}
