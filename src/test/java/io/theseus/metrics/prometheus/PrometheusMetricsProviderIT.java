package io.theseus.metrics.prometheus;

import static io.theseus.testing.Blocking.await;
import static io.theseus.testing.Blocking.failure;
import static io.theseus.testing.Blocking.firstFailure;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.theseus.analysis.GaugeValues;
import io.theseus.analysis.HistogramCounts;
import io.theseus.analysis.MetricEvidence;
import io.theseus.analysis.RatioCounts;
import io.theseus.analysis.Version;
import io.theseus.config.AnalysisConfig;
import io.theseus.config.MetricSpec;
import io.theseus.metrics.MetricQueryException;
import io.theseus.metrics.NoDataException;
import io.theseus.metrics.QueryContext;
import io.theseus.metrics.StaleDataException;
import io.theseus.testing.IstioExporter;
import io.theseus.testing.IstioExporter.Workload;
import io.theseus.testing.IstioQueries;
import io.theseus.testing.PrometheusExtension;
import io.theseus.yaml.AnalysisConfigFiles;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusMetricsProviderIT {

  private static final Vertx VERTX =
      Vertx.vertx(
          new VertxOptions()
              .setMaxEventLoopExecuteTime(100)
              .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
  private static final IstioExporter EXPORTER = IstioExporter.start(VERTX);
  private static final Duration WINDOW = Duration.ofSeconds(30);
  private static final String WEIRD_SERVICE = "we\"ird\\svc\"} or vector(1) #\nline2";

  private static final Workload STABLE = new Workload("shop", "checkout", "checkout-v1", "v1");
  private static final Workload CANARY = new Workload("shop", "checkout", "checkout-v2", "v2");
  private static final Workload WEIRD_STABLE = new Workload("shop", WEIRD_SERVICE, "odd-v1", "v1");
  private static final Workload WEIRD_CANARY = new Workload("shop", WEIRD_SERVICE, "odd-v2", "v2");
  private static final Workload CART_STABLE = new Workload("shop", "cart", "cart-v1", "v1");
  private static final Workload CART_CANARY = new Workload("shop", "cart", "cart-v2", "v2");

  @RegisterExtension
  static final PrometheusExtension PROMETHEUS =
      PrometheusExtension.scraping(() -> List.of(EXPORTER.target()));

  private static PrometheusMetricsProvider provider;
  private static Instant afterTraffic;

  @BeforeAll
  static void serveTrafficBetweenScrapes() {
    for (Workload w :
        List.of(STABLE, CANARY, WEIRD_STABLE, WEIRD_CANARY, CART_STABLE, CART_CANARY)) {
      EXPORTER.serve(w, 200, 20, 1);
      EXPORTER.serve(w, 503, 20, 0);
    }
    // increase() counts from the first sample on, so the window's traffic comes after two scrapes.
    PROMETHEUS.awaitData("count(count_over_time(istio_requests_total[1m]) >= 2) == 12");
    EXPORTER.serve(STABLE, 200, 20, 891);
    EXPORTER.serve(STABLE, 503, 20, 9);
    EXPORTER.serve(CANARY, 200, 180, 90);
    EXPORTER.serve(CANARY, 503, 180, 9);
    EXPORTER.serve(WEIRD_STABLE, 200, 20, 40);
    EXPORTER.serve(WEIRD_CANARY, 200, 20, 20);
    for (Workload w : List.of(CART_STABLE, CART_CANARY)) {
      EXPORTER.serve(w, 200, 20, 10);
    }
    PROMETHEUS.awaitData(
        "sum(istio_requests_total{destination_workload=~\"checkout-.*|odd-.*\"}) == 1063");
    afterTraffic = Instant.now();
    provider =
        new PrometheusMetricsProvider(
            VERTX, PrometheusOptions.of(URI.create(PROMETHEUS.url()), Duration.ofSeconds(1)));
  }

  @AfterAll
  static void stop() throws Exception {
    if (provider != null) {
      provider.close();
    }
    EXPORTER.close();
    VERTX.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void countsRequestsAndErrorsOfBothVersionsInOneQuery() {
    MetricEvidence evidence =
        await(provider.fetch(IstioQueries.errorRate(), context(STABLE, CANARY), afterTraffic));

    RatioCounts stable = (RatioCounts) evidence.stable();
    RatioCounts canary = (RatioCounts) evidence.canary();
    assertCount(stable.total(), 900);
    assertCount(stable.errors(), 9);
    assertCount(canary.total(), 99);
    assertCount(canary.errors(), 9);
  }

  @Test
  void batchedAnswerEqualsPrometheusOwnAnswerForEachVersionAlone() throws Exception {
    MetricEvidence evidence =
        await(provider.fetch(IstioQueries.errorRate(), context(STABLE, CANARY), afterTraffic));

    assertThat(((RatioCounts) evidence.stable()).total()).isEqualTo(direct("checkout-v1", ""));
    assertThat(((RatioCounts) evidence.canary()).total()).isEqualTo(direct("checkout-v2", ""));
    assertThat(((RatioCounts) evidence.canary()).errors())
        .isEqualTo(direct("checkout-v2", ",response_code=~\"5..\""));
  }

  @Test
  void theShippedDefaultAnalysisConfigYieldsEvidenceForEveryMetric() throws Exception {
    AnalysisConfig config = AnalysisConfigFiles.load(Path.of("analysis-config/default.yaml"));

    for (MetricSpec metric : config.metrics()) {
      MetricEvidence evidence =
          await(provider.fetch(metric, context(STABLE, CANARY), afterTraffic));
      assertThat(evidence.canary().n()).as(metric.name()).isGreaterThanOrEqualTo(99);
    }
  }

  @Test
  void bucketsLatencyOfBothVersionsCumulativelyUpToInf() {
    MetricEvidence evidence =
        await(provider.fetch(IstioQueries.latency(), context(STABLE, CANARY), afterTraffic));

    HistogramCounts stable = (HistogramCounts) evidence.stable();
    HistogramCounts canary = (HistogramCounts) evidence.canary();
    assertThat(stable.cumulative().lastKey()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(stable.cumulative().get(10.0)).isZero();
    assertThat(stable.cumulative().get(25.0)).isEqualTo(stable.n());
    assertCount(stable.n(), 900);
    assertThat(canary.cumulative().get(100.0)).isZero();
    assertThat(canary.cumulative().get(250.0)).isEqualTo(canary.n());
    assertCount(canary.n(), 99);
  }

  @Test
  void readsGaugesAsTheWindowsReadingsPerVersion() {
    var gauge =
        IstioQueries.gauge(
            "requests-seen", "sum(istio_requests_total{destination_workload=\"{{workload}}\"})");

    MetricEvidence evidence = await(provider.fetch(gauge, context(STABLE, CANARY), afterTraffic));

    assertThat(((GaugeValues) evidence.stable()).values()).isNotEmpty().contains(901.0);
    assertThat(((GaugeValues) evidence.canary()).values()).isNotEmpty().contains(100.0);
  }

  @Test
  void escapedLabelValuesSelectExactlyTheNamedService() {
    MetricEvidence evidence =
        await(
            provider.fetch(
                IstioQueries.errorRate(), context(WEIRD_STABLE, WEIRD_CANARY), afterTraffic));

    assertCount(((RatioCounts) evidence.stable()).total(), 40);
    assertCount(((RatioCounts) evidence.canary()).total(), 20);
  }

  @Test
  void injectionAttemptInAServiceNameSelectsNothing() {
    Workload injectedStable = new Workload("shop", "\"} or vector(1) #", "checkout-v1", "v1");
    Workload injectedCanary = new Workload("shop", "\"} or vector(1) #", "checkout-v2", "v2");

    Throwable failure =
        failure(
            provider.fetch(
                IstioQueries.errorRate(), context(injectedStable, injectedCanary), afterTraffic));

    assertThat(failure).isInstanceOf(NoDataException.class).hasMessageContaining("no series");
  }

  @Test
  void valuesInRegexMatchersMatchOnlyThemselves() {
    // Unquoted, "checkout.v1" would match the real workload checkout-v1 as a regex.
    var regex =
        IstioQueries.ratio(
            "regex-rate",
            "sum(increase(istio_requests_total{destination_workload=~\"{{workload}}\"}[{{window}}]))",
            IstioQueries.ERRORS);
    Workload dotted = new Workload("shop", "checkout", "checkout.v1", "v1");

    assertThat(failure(provider.fetch(regex, context(dotted, dotted), afterTraffic)))
        .isInstanceOf(NoDataException.class);
    assertThat(await(provider.fetch(regex, context(STABLE, CANARY), afterTraffic)).canary().n())
        .isGreaterThanOrEqualTo(99);
  }

  @Test
  void aVersionWithoutSeriesIsNoData() {
    Workload missing = new Workload("shop", "checkout", "checkout-v9", "v9");

    Throwable failure =
        failure(provider.fetch(IstioQueries.errorRate(), context(STABLE, missing), afterTraffic));

    assertThat(failure)
        .isInstanceOf(NoDataException.class)
        .hasMessageContaining("canary has no series for queries.total");
  }

  @Test
  void aNanAnswerIsNoData() {
    var nan = IstioQueries.ratio("nan-rate", IstioQueries.TOTAL + " * 0 / 0", IstioQueries.ERRORS);

    Throwable failure = failure(provider.fetch(nan, context(STABLE, CANARY), afterTraffic));

    assertThat(failure).isInstanceOf(NoDataException.class).hasMessageContaining("NaN");
  }

  @Test
  void aQueryPrometheusRejectsIsAnErrorWithItsMessage() {
    var broken = IstioQueries.ratio("broken", "sum(rate(", IstioQueries.ERRORS);

    Throwable failure = failure(provider.fetch(broken, context(STABLE, CANARY), afterTraffic));

    assertThat(failure)
        .isExactlyInstanceOf(MetricQueryException.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("bad_data: ")
        .hasMessageContaining("parse error");
    assertThat(((MetricQueryException) failure).kind())
        .isEqualTo(MetricQueryException.Kind.INVALID_QUERY);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // Unclosed: the rest of the batch becomes arguments of this sum().
        "sum(rate( | queries.errors, line 1, column 1: parse error: wrong number of arguments",
        // A dangling operator: Prometheus points past the query, at the batch's own text.
        "sum(up) + | queries.errors, at its end: parse error: unexpected \")\"",
        // The é takes two bytes in Prometheus's column, one char in the user's.
        "sum(up{job=\"é\"}) by (le) + ) | queries.errors, line 1, column 28: parse error: "
            + "unexpected \")\" (in: sum(up{job=\"é\"}) by (le) + ))",
        "sum(up)\\n  + nosuchfn(up) | queries.errors, line 2, column 5: parse error: unknown "
            + "function with name \"nosuchfn\" (in: + nosuchfn(up))"
      })
  void aParseErrorNamesTheRoleAndItsOwnLineAndColumn(String errors, String expected) {
    var broken = IstioQueries.ratio("broken", IstioQueries.TOTAL, errors.replace("\\n", "\n"));

    Throwable failure = failure(provider.fetch(broken, context(STABLE, CANARY), afterTraffic));

    assertThat(failure)
        .hasMessageContaining("metric broken: Prometheus answered HTTP 400: bad_data: " + expected);
  }

  @Test
  void seriesThatStopReportingTurnStaleNotNoData() throws Exception {
    QueryContext cart = context(CART_STABLE, CART_CANARY);
    var gauge =
        IstioQueries.gauge(
            "cart-seen", "sum(istio_requests_total{destination_workload=\"{{workload}}\"})");
    assertThat(await(provider.fetch(IstioQueries.errorRate(), cart, Instant.now()))).isNotNull();

    EXPORTER.hide(CART_CANARY.workload());

    Throwable stale =
        firstFailure(
            () -> provider.fetch(IstioQueries.errorRate(), cart, Instant.now()),
            Duration.ofSeconds(20));
    assertThat(stale)
        .isInstanceOf(StaleDataException.class)
        .hasMessageContaining("canary has no sample newer than 3s");
    assertThat(
            firstFailure(() -> provider.fetch(gauge, cart, Instant.now()), Duration.ofSeconds(20)))
        .isInstanceOf(StaleDataException.class)
        .hasMessageContaining("canary");
  }

  private static void assertCount(long actual, long served) {
    // increase() extrapolates the window's delta by at most 1.5 scrape intervals over the >= 5
    // seconds sampled, so it reads at least what was served and at most 30% + 1 more.
    assertThat(actual).isBetween(served, Math.round(served * 1.3) + 1);
  }

  private static long direct(String workload, String extra) throws Exception {
    String promql =
        "sum(increase(istio_requests_total{destination_workload=\""
            + workload
            + "\""
            + extra
            + "}[30s]))";
    String body = PROMETHEUS.process().query(promql, afterTraffic).body();
    String value =
        new ObjectMapper()
            .readTree(body)
            .path("data")
            .path("result")
            .get(0)
            .path("value")
            .get(1)
            .asText();
    return Math.round(Double.parseDouble(value));
  }

  private static QueryContext context(Workload stable, Workload canary) {
    return new QueryContext(
        stable.namespace(),
        stable.service(),
        Map.of(Version.STABLE, stable.workload(), Version.CANARY, canary.workload()),
        Map.of(Version.STABLE, stable.version(), Version.CANARY, canary.version()),
        WINDOW);
  }
}
