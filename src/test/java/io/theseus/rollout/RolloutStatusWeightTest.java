package io.theseus.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolloutStatusWeightTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  /** A status that reached the 25% step (index 2) and is now in {@code phase}. */
  private static RolloutStatus at25(RolloutPhase phase, RolloutPhase pausedFrom) {
    return RolloutStatus.created(T0)
        .withStep(new Step(2, 25, T0, true))
        .withPausedFrom(pausedFrom)
        .enter(phase, T0, "test");
  }

  @ParameterizedTest(name = "{0} routes {1}% to the canary")
  @CsvSource({
    "BASELINE, 25",
    "PROGRESSING, 25",
    "PROMOTING, 100",
    "FINALIZING, 100",
    "SUCCEEDED, 100",
    "ROLLING_BACK, 0",
    "ROLLED_BACK, 0",
    "FAILED, 0",
    "PENDING, 0",
    "INITIALIZING, 0",
    "DARK_CANARY, 0"
  })
  void theCanaryWeightIsWhatThePhaseRoutesNotTheStepsRecord(RolloutPhase phase, int weight) {
    RolloutStatus status = at25(phase, null);

    assertThat(status.canaryWeight()).isEqualTo(weight);
    assertThat(status.step().weight()).isEqualTo(25);
  }

  @ParameterizedTest(name = "paused from {0} routes {1}%")
  @CsvSource({"PROGRESSING, 25", "DARK_CANARY, 0", "PROMOTING, 100"})
  void aPausedRolloutKeepsTheWeightOfThePhaseItLeft(RolloutPhase from, int weight) {
    assertThat(at25(RolloutPhase.PAUSED, from).canaryWeight()).isEqualTo(weight);
  }
}
