package io.theseus.metrics.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.theseus.analysis.GaugeValues;
import io.theseus.analysis.HistogramCounts;
import io.theseus.analysis.MetricEvidence;
import io.theseus.analysis.RatioCounts;
import io.theseus.config.MetricKind;
import io.theseus.metrics.MetricQueryException;
import io.theseus.metrics.MetricQueryException.Kind;
import io.theseus.metrics.NoDataException;
import io.theseus.metrics.StaleDataException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusResponseParserTest {

  private static final Instant END = Instant.ofEpochSecond(1764489600);
  private static final Duration STALE_AFTER = Duration.ofSeconds(20);

  @Test
  void countsBothVersionsRoundedAndAbsentErrorsAsZero() {
    MetricEvidence evidence = counts(MetricKind.RATIO, "ratio-vector.json");

    assertThat(evidence.stable()).isEqualTo(new RatioCounts(9900, 9));
    assertThat(evidence.canary()).isEqualTo(new RatioCounts(100, 0));
  }

  @Test
  void capsErrorsAtTotalWhenExtrapolationRoundsThemAbove() {
    MetricEvidence evidence = counts(MetricKind.RATIO, "ratio-errors-above-total.json");

    assertThat(evidence.stable()).isEqualTo(new RatioCounts(10, 10));
  }

  @Test
  void makesHistogramBucketsCumulativeAndNonDecreasingUpToInf() {
    MetricEvidence evidence = counts(MetricKind.HISTOGRAM, "histogram-vector.json");

    assertThat(((HistogramCounts) evidence.stable()).cumulative())
        .containsExactly(
            Map.entry(5.0, 1200L),
            Map.entry(10.0, 5101L),
            Map.entry(25.0, 5101L),
            Map.entry(Double.POSITIVE_INFINITY, 9900L));
    assertThat(((HistogramCounts) evidence.canary()).n()).isEqualTo(100);
  }

  @Test
  void readsGaugeReadingsInTimeOrderWithoutNan() {
    MetricEvidence evidence = range("gauge-matrix.json");

    assertThat(evidence.stable()).isEqualTo(new GaugeValues(java.util.List.of(0.41, 0.43, 0.42)));
    assertThat(evidence.canary()).isEqualTo(new GaugeValues(java.util.List.of(0.5, 0.55)));
  }

  @ParameterizedTest
  @CsvSource({
    "ratio-canary-nan.json, canary has NaN for queries.total",
    "ratio-errors-nan.json, stable has NaN for queries.errors",
    "ratio-canary-missing.json, canary has no series for queries.total",
    "empty-vector.json, stable has no series for queries.total"
  })
  void emptyOrNanAnswersAreNoData(String fixture, String message) {
    assertThatThrownBy(() -> counts(MetricKind.RATIO, fixture))
        .isInstanceOf(NoDataException.class)
        .hasMessage("metric m: " + message);
  }

  @Test
  void aVersionMissingFromTheFreshnessProbeIsStale() {
    assertThatThrownBy(() -> counts(MetricKind.RATIO, "ratio-canary-stale.json"))
        .isInstanceOf(StaleDataException.class)
        .hasMessageContaining("canary has no sample newer than 20s");
  }

  @Test
  void aGaugeWhoseNewestReadingIsOlderThanTheBoundIsStale() {
    assertThatThrownBy(() -> range("gauge-matrix-canary-stale.json"))
        .isInstanceOf(StaleDataException.class)
        .hasMessageContaining("canary");
  }

  @ParameterizedTest
  @CsvSource({
    "HISTOGRAM, histogram-no-inf.json, no le=\"+Inf\" bucket",
    "HISTOGRAM, histogram-no-le.json, must keep the le label",
    "RATIO, scalar.json, must return a vector, got scalar"
  })
  void answersTheKindCannotUseAreInvalidQueries(MetricKind kind, String fixture, String why) {
    assertThatThrownBy(() -> counts(kind, fixture))
        .isExactlyInstanceOf(MetricQueryException.class)
        .hasMessageContaining(why)
        .extracting(e -> ((MetricQueryException) e).kind())
        .isEqualTo(Kind.INVALID_QUERY);
  }

  @Test
  void severalGaugeSeriesPerVersionAreAnInvalidQuery() {
    assertThatThrownBy(() -> range("gauge-matrix-two-series.json"))
        .hasMessageContaining("must aggregate to one series per version, got 2 for stable");
  }

  @ParameterizedTest
  @CsvSource({"malformed-truncated.json, not JSON", "html-bad-gateway.html, not JSON"})
  void bodiesThatAreNotTheApisJsonAreMalformed(String fixture, String why) {
    assertThatThrownBy(() -> counts(MetricKind.RATIO, fixture))
        .isExactlyInstanceOf(MetricQueryException.class)
        .hasMessageContaining(why)
        .extracting(e -> ((MetricQueryException) e).kind())
        .isEqualTo(Kind.MALFORMED);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "400 | error-bad-data.json | INVALID_QUERY | HTTP 400: bad_data: invalid parameter",
        "503 | error-unavailable.json | HTTP | HTTP 503: unavailable: too many concurrent queries",
        "502 | html-bad-gateway.html | HTTP | HTTP 502: <html><body>502 Bad Gateway"
      })
  void errorAnswersCarryPrometheusOwnMessage(int status, String fixture, Kind kind, String text) {
    MetricQueryException failure =
        PrometheusResponseParser.httpFailure(counts(), status, fixture(fixture));

    assertThat(failure.kind()).isEqualTo(kind);
    assertThat(failure).hasMessageContaining(text);
  }

  private static MetricEvidence counts(MetricKind kind, String fixture) {
    return PrometheusResponseParser.evidence(counts(), kind, STALE_AFTER, fixture(fixture));
  }

  private static PromqlBatch counts() {
    return new PromqlBatch("m", "q", false, END, END, Duration.ofSeconds(1), true, List.of());
  }

  private static MetricEvidence range(String fixture) {
    PromqlBatch batch =
        new PromqlBatch(
            "m", "q", true, END.minusSeconds(30), END, Duration.ofSeconds(15), false, List.of());
    return PrometheusResponseParser.evidence(
        batch, MetricKind.GAUGE, STALE_AFTER, fixture(fixture));
  }

  static byte[] fixture(String name) {
    try (InputStream in =
        PrometheusResponseParserTest.class.getResourceAsStream("/prometheus/" + name)) {
      return in.readAllBytes();
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("fixture " + name, e);
    }
  }
}
