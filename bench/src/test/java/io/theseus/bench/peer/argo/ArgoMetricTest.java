package io.theseus.bench.peer.argo;

import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.bench.Ticks;
import io.theseus.bench.run.Rollout.Action;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArgoMetricTest {

  private static final DoublePredicate AT_LEAST_95 = v -> v >= 0.95;
  private static final DoublePredicate BELOW_90 = v -> v < 0.90;
  private static final ArgoMetric.Limits LIMITS = new ArgoMetric.Limits(30, 3, 0, 4);

  /** stats.md section 4: NaN makes every comparison false, so the verdict depends on the form. */
  @ParameterizedTest
  @CsvSource({
    "success, NaN, FAILED",
    "failure, NaN, SUCCESSFUL",
    "both, NaN, INCONCLUSIVE",
    "both, 0.92, INCONCLUSIVE",
    "both, 0.97, SUCCESSFUL",
    "both, 0.85, FAILED",
    "success, 0.97, SUCCESSFUL",
    "failure, 0.85, FAILED",
    "neither, NaN, SUCCESSFUL"
  })
  void measurementPhaseFollowsEvaluateResult(String conditions, double value, Phase expected) {
    DoublePredicate success =
        conditions.equals("success") || conditions.equals("both") ? AT_LEAST_95 : null;
    DoublePredicate failure =
        conditions.equals("failure") || conditions.equals("both") ? BELOW_90 : null;
    assertThat(new ArgoMetric(success, failure, LIMITS).evaluate(value)).isEqualTo(expected);
  }

  @Test
  void metricFailsOnlyOnceFailuresExceedFailureLimit() {
    ArgoMetric metric = new ArgoMetric(AT_LEAST_95, null, LIMITS);
    for (int i = 0; i < 3; i++) {
      assertThat(metric.measure(OptionalDouble.of(0.5))).isEqualTo(Phase.RUNNING);
    }
    assertThat(metric.measure(OptionalDouble.of(0.5))).isEqualTo(Phase.FAILED);
  }

  @Test
  void firstInconclusiveMeasurementEndsTheMetricWithTheDefaultLimit() {
    ArgoMetric metric = new ArgoMetric(AT_LEAST_95, BELOW_90, LIMITS);
    assertThat(metric.measure(OptionalDouble.of(Double.NaN))).isEqualTo(Phase.INCONCLUSIVE);
  }

  @Test
  void emptyResultsAreErrorsThatOnlyConsecutiveRunsEscalate() {
    ArgoMetric metric = new ArgoMetric(AT_LEAST_95, null, LIMITS);
    for (int i = 0; i < 4; i++) {
      assertThat(metric.measure(OptionalDouble.empty())).isEqualTo(Phase.RUNNING);
    }
    assertThat(metric.measure(OptionalDouble.of(0.99))).isEqualTo(Phase.RUNNING);
    for (int i = 0; i < 4; i++) {
      metric.measure(OptionalDouble.empty());
    }
    assertThat(metric.measure(OptionalDouble.empty())).isEqualTo(Phase.ERROR);
  }

  @Test
  void metricSucceedsAfterCountMeasurementsWithErrorsNotCounted() {
    ArgoMetric metric = new ArgoMetric(AT_LEAST_95, null, new ArgoMetric.Limits(3, 0, 0, 4));
    metric.measure(OptionalDouble.of(0.99));
    metric.measure(OptionalDouble.empty());
    assertThat(metric.measure(OptionalDouble.of(0.99))).isEqualTo(Phase.RUNNING);
    assertThat(metric.measure(OptionalDouble.of(0.99))).isEqualTo(Phase.SUCCESSFUL);
  }

  @Test
  void rolloutAbortsOnTheFourthFailedMeasurementWhenTheCanaryHasNoTraffic() {
    ArgoRollout rollout = new ArgoRollout(ArgoSettings.defaults());
    for (int minute = 1; minute <= 3; minute++) {
      assertThat(rollout.observe(Ticks.minute(minute, 0, 0, 0))).isEqualTo(Action.CONTINUE);
    }
    assertThat(rollout.observe(Ticks.minute(4, 0, 0, 0))).isEqualTo(Action.ROLLBACK);
  }

  @Test
  void runTakesTheWorstMetricPhase() {
    assertThat(ArgoRollout.worst(java.util.List.of(Phase.SUCCESSFUL, Phase.RUNNING)))
        .isEqualTo(Phase.RUNNING);
    assertThat(ArgoRollout.worst(java.util.List.of(Phase.INCONCLUSIVE, Phase.ERROR)))
        .isEqualTo(Phase.ERROR);
  }
}
