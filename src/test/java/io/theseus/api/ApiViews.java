package io.theseus.api;

import io.theseus.controller.RolloutView;
import io.theseus.rollout.HookFigures;
import io.theseus.rollout.MetricLine;
import io.theseus.rollout.RolloutLimits;
import io.theseus.rollout.RolloutPhase;
import io.theseus.rollout.RolloutSpec;
import io.theseus.rollout.RolloutStatus;
import io.theseus.rollout.RolloutStatus.AnalysisRecord;
import io.theseus.rollout.Step;
import io.theseus.testing.RolloutFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Rollout views for API tests. */
public final class ApiViews {

  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  private ApiViews() {}

  /** demo/shop progressing at 25%, its error rate passing. */
  public static RolloutView shopAt25() {
    RolloutSpec spec =
        RolloutFixtures.shop(
            RolloutFixtures.analysis(),
            new RolloutLimits(Duration.ofMinutes(10), Duration.ofMinutes(5), 1));
    MetricLine line =
        new MetricLine("error-rate", "PASS", 0.001, 0.0012, 0.003, 0.4, 400.0, "within");
    RolloutStatus status =
        RolloutStatus.created(T0)
            .enter(RolloutPhase.PROGRESSING, T0, "passed 5%")
            .withStep(new Step(2, 25, T0, true))
            .withAnalysis(
                new AnalysisRecord(
                    "HOLD",
                    "holding",
                    List.of(line),
                    4321,
                    null,
                    List.of(new HookFigures("checkout-perf", 1, 87.5, 20))));
    return new RolloutView(spec, status, T0, null, Duration.ofMillis(12));
  }
}
