package io.theseus.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.theseus.metrics.MetricQueryException;
import io.theseus.metrics.NoDataException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TheseusMetricsTest {

  private final TheseusMetrics metrics = new TheseusMetrics(new PrometheusRegistry(), "1.2.3");

  @Test
  void exposesTheVersionAsInfo() {
    assertThat(metrics.scrape()).contains("theseus_info{version=\"1.2.3\"} 1");
  }

  @Test
  void marksOnlyTheCurrentPhase() {
    metrics.recordPhase("shop", "cart", "Baseline");
    metrics.recordPhase("shop", "cart", "Progressing");

    assertThat(metrics.scrape())
        .contains(
            "theseus_rollout_phase{namespace=\"shop\",phase=\"Progressing\",rollout=\"cart\"} 1.0")
        .contains(
            "theseus_rollout_phase{namespace=\"shop\",phase=\"Baseline\",rollout=\"cart\"} 0.0");
  }

  @Test
  void recordsWeightStepAndTheMetricsBand() {
    metrics.recordWeight("shop", "cart", 25);
    metrics.recordStep("shop", "cart", 2);
    metrics.recordVerdict(
        "shop", "cart", "latency", new VerdictValues("FAIL", 250, 120, 150, 140.5, 100));

    String text = metrics.scrape();
    assertThat(text)
        .contains("theseus_rollout_canary_weight{namespace=\"shop\",rollout=\"cart\"} 25.0")
        .contains("theseus_rollout_step{namespace=\"shop\",rollout=\"cart\"} 2.0")
        .contains(
            "theseus_metric_verdict{metric=\"latency\",namespace=\"shop\",rollout=\"cart\",verdict=\"FAIL\"} 1.0")
        .contains(
            "theseus_metric_verdict{metric=\"latency\",namespace=\"shop\",rollout=\"cart\",verdict=\"PASS\"} 0.0")
        .contains(
            "theseus_metric_canary_value{metric=\"latency\",namespace=\"shop\",rollout=\"cart\"} 250.0")
        .contains(
            "theseus_metric_stable_value{metric=\"latency\",namespace=\"shop\",rollout=\"cart\"} 120.0")
        .contains(
            "theseus_metric_tolerance_upper{metric=\"latency\",namespace=\"shop\",rollout=\"cart\"} 150.0")
        .contains(
            "theseus_metric_evalue{metric=\"latency\",namespace=\"shop\",rollout=\"cart\"} 140.5")
        .contains(
            "theseus_metric_evalue_threshold{metric=\"latency\",namespace=\"shop\",rollout=\"cart\"} 100.0");
  }

  @Test
  void countsDecisionsRollbacksPromotionsAndOverrides() {
    metrics.recordDecision("shop", "cart", "HOLD");
    metrics.recordDecision("shop", "cart", "HOLD");
    metrics.recordDecision("shop", "cart", "ROLLBACK");
    metrics.recordRollback("shop", "cart");
    metrics.recordPromotion("shop", "web");
    metrics.recordOverride("shop", "cart", "pause");

    assertThat(metrics.scrape())
        .contains(
            "theseus_decisions_total{decision=\"HOLD\",namespace=\"shop\",rollout=\"cart\"} 2.0")
        .contains(
            "theseus_decisions_total{decision=\"ROLLBACK\",namespace=\"shop\",rollout=\"cart\"} 1.0")
        .contains("theseus_rollbacks_total{namespace=\"shop\",rollout=\"cart\"} 1.0")
        .contains("theseus_promotions_total{namespace=\"shop\",rollout=\"web\"} 1.0")
        .contains(
            "theseus_overrides_total{action=\"pause\",namespace=\"shop\",rollout=\"cart\"} 1.0");
  }

  @Test
  void observesQueriesAndTicksInSeconds() {
    metrics.observe("latency", Duration.ofMillis(30), null);
    metrics.observe("latency", Duration.ofMillis(70), new NoDataException("none"));
    metrics.observe(
        "latency",
        Duration.ofSeconds(3),
        new MetricQueryException(MetricQueryException.Kind.TIMEOUT, "slow", null));
    metrics.recordTick("shop", "cart", Duration.ofMillis(40));

    assertThat(metrics.scrape())
        .contains("theseus_prometheus_query_duration_seconds_bucket{le=\"0.05\"} 1")
        .contains("theseus_prometheus_query_duration_seconds_count 3")
        .contains("theseus_prometheus_query_errors_total{kind=\"no_data\"} 1.0")
        .contains("theseus_prometheus_query_errors_total{kind=\"timeout\"} 1.0")
        .contains("theseus_tick_duration_seconds_count{namespace=\"shop\",rollout=\"cart\"} 1");
  }

  @Test
  void rejectsUnboundedLabelValuesNamingTheAllowedOnes() {
    assertThatThrownBy(() -> metrics.recordPhase("shop", "cart", "Whatever"))
        .hasMessageContaining("phase must be one of [Pending");
    assertThatThrownBy(() -> metrics.recordOverride("shop", "cart", "delete"))
        .hasMessageContaining("action must be one of [promote, rollback, pause, resume]");
    assertThatThrownBy(() -> metrics.recordDecision("shop", "cart", "free text"))
        .hasMessageContaining("decision must be an upper-case name");
    assertThatThrownBy(() -> new VerdictValues("MAYBE", 0, 0, 0, 1, 100))
        .hasMessageContaining("verdict must be PASS, FAIL or INCONCLUSIVE");
  }

  @Test
  void aSecondSetOfMetricsOnTheSameRegistryIsRefused() {
    PrometheusRegistry registry = new PrometheusRegistry();
    new TheseusMetrics(registry, "1");

    assertThatThrownBy(() -> new TheseusMetrics(registry, "1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
