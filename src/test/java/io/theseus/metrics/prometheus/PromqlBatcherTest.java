package io.theseus.metrics.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.theseus.metrics.MetricQueryException;
import io.theseus.metrics.QueryContext;
import io.theseus.testing.IstioQueries;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PromqlBatcherTest {

  private static final Instant END = Instant.ofEpochSecond(1764489600);
  private static final QueryContext CONTEXT = CartContext.CART;
  private final PromqlBatcher batcher =
      new PromqlBatcher(Duration.ofSeconds(45), Duration.ofSeconds(15));

  @Test
  void joinsBothVersionsAndRolesWithAFreshnessProbeIntoOneInstantQuery() {
    PromqlBatch batch = batcher.batch(IstioQueries.errorRate(), CONTEXT, END);

    assertThat(batch.range()).isFalse();
    assertThat(batch.probed()).isTrue();
    assertThat(batch.promql().split(" or ")).hasSize(6);
    assertThat(batch.promql())
        .contains("destination_workload=\"cart-v1\"}[30s]")
        .contains("destination_workload=\"cart-v2\",response_code=~\"5..\"}[30s]")
        .contains("destination_workload=\"cart-v2\"}[60s]")
        .contains("\"theseus_version\", \"canary\", \"\", \"\"), \"theseus_role\", \"fresh\"");
  }

  @Test
  void queriesGaugesOverTheWindowAtTheScrapeInterval() {
    PromqlBatch batch =
        batcher.batch(
            IstioQueries.gauge("cpu", "avg(cpu{pod=~\"{{workload}}-.*\"})"), CONTEXT, END);

    assertThat(batch.range()).isTrue();
    assertThat(batch.probed()).isFalse();
    assertThat(batch.start()).isEqualTo(END.minusSeconds(30));
    assertThat(batch.step()).isEqualTo(Duration.ofSeconds(15));
    assertThat(batch.promql().split(" or ")).hasSize(2);
  }

  @Test
  void aTrailingCommentInATemplateCannotSwallowTheWrapper() {
    PromqlBatch batch =
        batcher.batch(
            IstioQueries.ratio(
                "r", IstioQueries.TOTAL + " # requests", IstioQueries.ERRORS + " # 5xx"),
            CONTEXT,
            END);

    assertThat(batch.promql()).contains("# requests\n), \"theseus_version\"");
  }

  @Test
  void anInvalidTemplateNamesTheMetricAndRole() {
    assertThatThrownBy(
            () ->
                batcher.batch(
                    IstioQueries.ratio("r", "x{a={{service}}}", IstioQueries.ERRORS), CONTEXT, END))
        .isInstanceOf(MetricQueryException.class)
        .hasMessageStartingWith("metric r: queries.total: {{service}} must stand inside")
        .extracting(e -> ((MetricQueryException) e).kind())
        .isEqualTo(MetricQueryException.Kind.INVALID_QUERY);
  }
}
