package io.theseus.telemetry;

import static io.theseus.testing.Blocking.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.theseus.api.MetricsEndpoint;
import io.theseus.metrics.MetricQueryException;
import io.theseus.metrics.NoDataException;
import io.theseus.playground.QueryAnswer;
import io.theseus.playground.ScrapeTarget;
import io.theseus.testing.IstioExporter;
import io.theseus.testing.IstioExporter.Workload;
import io.theseus.testing.PrometheusExtension;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real Prometheus scrapes a running Theseus {@code /metrics} endpoint (and Istio-named traffic);
 * every PromQL expression of the Grafana dashboard must parse and return data.
 */
class GrafanaDashboardIT {

  private static final Path DASHBOARD = Path.of("grafana/dashboards/theseus-rollouts.json");
  private static final Map<String, String> VARIABLES =
      Map.of(
          "$namespace", "shop",
          "$rollout", "cart",
          "$metric", "(error-rate|latency)",
          "$__rate_interval", "1m");
  private static final Vertx VERTX = Vertx.vertx();
  private static final TheseusMetrics METRICS =
      new TheseusMetrics(new PrometheusRegistry(), "0.1.0-test");
  private static final HttpServer THESEUS = serveMetrics();
  private static final IstioExporter ISTIO = IstioExporter.start(VERTX);
  private static final Workload STABLE = new Workload("shop", "cart", "cart-v1", "v1");
  private static final Workload CANARY = new Workload("shop", "cart", "cart-v2", "v2");

  @RegisterExtension
  static final PrometheusExtension PROMETHEUS =
      PrometheusExtension.scraping(
          () -> List.of(ScrapeTarget.local("theseus", THESEUS.actualPort()), ISTIO.target()));

  @BeforeAll
  static void recordARolloutAroundTheFirstScrapes() {
    METRICS.recordPhase("shop", "cart", "Progressing");
    METRICS.recordWeight("shop", "cart", 5);
    METRICS.recordStep("shop", "cart", 1);
    METRICS.recordVerdict(
        "shop", "cart", "error-rate", new VerdictValues("PASS", 0.001, 0.0009, 0.003, 1.4, 100));
    METRICS.recordVerdict(
        "shop", "cart", "latency", new VerdictValues("INCONCLUSIVE", 180, 120, 150, 12, 100));
    METRICS.observe("latency", Duration.ofMillis(12), null);
    METRICS.recordTick("shop", "cart", Duration.ofMillis(30));
    for (Workload w : List.of(STABLE, CANARY)) {
      ISTIO.serve(w, 200, 20, 10);
      ISTIO.serve(w, 503, 20, 0);
    }
    // Counters need a sample before an event for increase() and rate() to see it.
    PROMETHEUS.awaitData(
        "count_over_time(theseus_rollout_phase{phase=\"Progressing\"}[1m]) >= 2"
            + " and on() count_over_time(istio_requests_total{response_code=\"503\"}[1m]) >= 2");
    METRICS.recordDecision("shop", "cart", "HOLD");
    METRICS.recordDecision("shop", "cart", "ADVANCE");
    METRICS.recordDecision("shop", "cart", "ROLLBACK");
    METRICS.recordOverride("shop", "cart", "pause");
    METRICS.recordRollback("shop", "cart");
    METRICS.recordPromotion("shop", "cart");
    METRICS.observe("latency", Duration.ofMillis(40), null);
    METRICS.observe("latency", Duration.ofSeconds(2), new NoDataException("none"));
    METRICS.observe(
        "error-rate",
        Duration.ofSeconds(10),
        new MetricQueryException(MetricQueryException.Kind.TIMEOUT, "slow", null));
    METRICS.recordTick("shop", "cart", Duration.ofMillis(45));
    for (Workload w : List.of(STABLE, CANARY)) {
      ISTIO.serve(w, 200, 20, 50);
      ISTIO.serve(w, 503, 20, 2);
    }
  }

  @AfterAll
  static void stop() {
    ISTIO.close();
    await(VERTX.close());
  }

  @Test
  void everyPanelAndAnnotationQueryParsesInPrometheusAndReturnsData() throws IOException {
    List<String> expressions = expressions(new ObjectMapper().readTree(DASHBOARD.toFile()));
    assertThat(expressions).hasSizeGreaterThanOrEqualTo(20);

    for (String expr : expressions) {
      String promql = substitute(expr);
      QueryAnswer parsed = PROMETHEUS.process().query(promql);
      assertThat(parsed.status()).as(promql + " -> " + parsed.body()).isEqualTo(200);
      PROMETHEUS.awaitData(promql);
    }
  }

  @Test
  void variableQueriesFindTheRecordedRolloutAndMetrics() throws IOException {
    Pattern labelValues = Pattern.compile("label_values\\((.*), *(\\w+)\\)");
    Set<String> found = new HashSet<>();
    for (JsonNode variable :
        new ObjectMapper().readTree(DASHBOARD.toFile()).at("/templating/list")) {
      if (!"query".equals(variable.path("type").asText())) {
        continue;
      }
      Matcher m = labelValues.matcher(variable.path("definition").asText());
      assertThat(m.matches()).as(variable.toString()).isTrue();
      String body = PROMETHEUS.awaitData(substitute(m.group(1))).body();
      for (JsonNode series : new ObjectMapper().readTree(body).at("/data/result")) {
        found.add(m.group(2) + "=" + series.path("metric").path(m.group(2)).asText());
      }
    }
    assertThat(found)
        .contains("namespace=shop", "rollout=cart", "metric=error-rate", "metric=latency");
  }

  @Test
  void everyPanelTakesItsDatasourceFromTheVariable() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
    assertThat(dashboard.at("/templating/list/0/type").asText()).isEqualTo("datasource");
    assertThat(dashboard.at("/templating/list/0/query").asText()).isEqualTo("prometheus");
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("unique id " + panel.path("id")).isTrue();
      assertThat(panel.at("/gridPos/x").asInt() + panel.at("/gridPos/w").asInt())
          .isLessThanOrEqualTo(24);
      if (!"row".equals(panel.path("type").asText())) {
        assertThat(panel.at("/datasource/uid").asText()).isEqualTo("${datasource}");
        panel
            .path("targets")
            .forEach(t -> assertThat(t.at("/datasource/uid").asText()).isEqualTo("${datasource}"));
      }
    }
  }

  private static List<String> expressions(JsonNode dashboard) {
    List<String> expressions = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      panel.path("targets").forEach(t -> expressions.add(t.path("expr").asText()));
    }
    for (JsonNode annotation : dashboard.at("/annotations/list")) {
      if (annotation.has("expr")) {
        expressions.add(annotation.path("expr").asText());
      }
    }
    return expressions;
  }

  private static String substitute(String expr) {
    String promql = expr;
    for (Map.Entry<String, String> variable : VARIABLES.entrySet()) {
      promql = promql.replace(variable.getKey(), variable.getValue());
    }
    assertThat(promql).as("unknown variable in " + expr).doesNotContain("$");
    return promql;
  }

  private static HttpServer serveMetrics() {
    Router router = Router.router(VERTX);
    router.get("/metrics").handler(new MetricsEndpoint(METRICS));
    return await(VERTX.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
  }
}
