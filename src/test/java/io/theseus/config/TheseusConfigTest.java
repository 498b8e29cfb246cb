package io.theseus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.theseus.testing.EnvLines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TheseusConfigTest {

  @Test
  void defaultsMatchTheShippedDeployment() {
    TheseusConfig c = TheseusConfig.fromEnv(Map.of("HOSTNAME", "theseus-7c9d"));

    assertThat(c.namespaces()).isEmpty();
    assertThat(c.apiPort()).isEqualTo(8080);
    assertThat(c.kubePoolSize()).isEqualTo(8);
    assertThat(c.kubeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.resyncPeriod()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.leaderElection()).isTrue();
    assertThat(c.leaseName()).isEqualTo("theseus-leader");
    assertThat(c.leaseNamespace()).isEqualTo("theseus-system");
    assertThat(c.leaseTimings())
        .containsExactly(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
    assertThat(c.podName()).isEqualTo("theseus-7c9d");
    assertThat(c.analysisConfigDir()).isEqualTo(Path.of("/etc/theseus/analysis-config"));
    assertThat(c.ledgerSize()).isEqualTo(20);
    assertThat(c.apiOpenReads()).as("reads need a token unless opened").isFalse();
  }

  @Test
  void readsEveryKey() {
    TheseusConfig c =
        TheseusConfig.fromEnv(
            EnvLines.parse(
                """
                THESEUS_NAMESPACES=shop, payments
                THESEUS_API_PORT=9090
                THESEUS_KUBE_POOL_SIZE=4
                THESEUS_KUBE_TIMEOUT=3s
                THESEUS_RESYNC_PERIOD=500ms
                THESEUS_LEADER_ELECTION=false
                THESEUS_LEASE_NAME=lead
                THESEUS_LEASE_NAMESPACE=ops
                POD_NAME=theseus-0
                THESEUS_ANALYSIS_CONFIG_DIR=/cfg
                THESEUS_LEDGER_SIZE=50
                THESEUS_API_OPEN_READS=true
                """));

    assertThat(c.namespaces()).containsExactly("shop", "payments");
    assertThat(c.apiPort()).isEqualTo(9090);
    assertThat(c.kubePoolSize()).isEqualTo(4);
    assertThat(c.kubeTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.resyncPeriod()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.leaderElection()).isFalse();
    assertThat(List.of(c.leaseName(), c.leaseNamespace(), c.podName()))
        .containsExactly("lead", "ops", "theseus-0");
    assertThat(c.analysisConfigDir()).isEqualTo(Path.of("/cfg"));
    assertThat(c.ledgerSize()).isEqualTo(50);
    assertThat(c.apiOpenReads()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "THESEUS_API_PORT, http",
    "THESEUS_API_PORT, 70000",
    "THESEUS_KUBE_POOL_SIZE, 0",
    "THESEUS_RESYNC_PERIOD, 5",
    "THESEUS_LEADER_ELECTION, yes",
    "THESEUS_NAMESPACES, Shop_1",
    "THESEUS_LEASE_NAME, Leader!",
    "THESEUS_LEDGER_SIZE, 51",
    "THESEUS_API_OPEN_READS, sometimes",
    "THESEUS_KUBE_TIMEOUT, 0s",
    "THESEUS_LEASE_DURATION, 500ms",
    "THESEUS_LEASE_RENEW_DEADLINE, 15s",
    "THESEUS_LEASE_RETRY_PERIOD, 10s"
  })
  void rejectsABadValueNamingTheKey(String key, String value) {
    assertThatThrownBy(() -> TheseusConfig.fromEnv(Map.of(key, value)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith(key + "=" + value + ": ")
        .hasMessageContaining("allowed");
  }
}
