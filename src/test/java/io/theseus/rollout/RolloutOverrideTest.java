package io.theseus.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.analysis.JudgeState;
import io.theseus.rollout.Observation.Analysed;
import io.theseus.rollout.Observation.HooksRan;
import io.theseus.rollout.Observation.WorkloadSeen;
import io.theseus.rollout.OverrideOutcome.Applied;
import io.theseus.rollout.OverrideOutcome.Rejected;
import io.theseus.rollout.OverrideOutcome.Repeated;
import io.theseus.testing.RolloutFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolloutOverrideTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(90);

  private final RolloutStateMachine machine = new RolloutStateMachine(spec());

  private static RolloutSpec spec() {
    return RolloutFixtures.shop(
        RolloutFixtures.analysis(),
        new RolloutLimits(Duration.ofMinutes(5), Duration.ofMinutes(2), 1));
  }

  private static RolloutStatus in(RolloutPhase phase) {
    return RolloutStatus.created(T0)
        .withBackup(new StableBackup(3, "rev-1"))
        .enter(phase, T0, "test")
        .withStep(new Step(2, 25, T0, true));
  }

  private static OverrideRequest ask(OverrideAction action) {
    return new OverrideRequest(action, "ticket 42", "alice");
  }

  private Applied applied(RolloutStatus status, OverrideAction action) {
    OverrideOutcome outcome = machine.override(status, ask(action), T1);
    assertThat(outcome).isInstanceOf(Applied.class);
    return (Applied) outcome;
  }

  private static Analysed judged(Judgement.Action action) {
    return new Analysed(
        null, new Judgement(action, action.name(), List.of(), JudgeState.initial()), null, 10);
  }

  @Test
  void promoteSkipsTheRemainingStepsAndGoesThroughPromotingAndFinalizing() {
    Applied promoted = applied(in(RolloutPhase.PROGRESSING), OverrideAction.PROMOTE);
    RolloutStatus s = promoted.status();
    assertThat(s.phase()).isEqualTo(RolloutPhase.PROMOTING);
    assertThat(s.step().weight()).isEqualTo(100);
    assertThat(s.stableLowered()).isTrue();
    assertThat(s.reason()).isEqualTo("override promote by alice: ticket 42");
    s = machine.next(s, new HooksRan(HookOutcome.pass("ok")), T1);
    assertThat(s.phase()).isEqualTo(RolloutPhase.FINALIZING);
    s = machine.next(s, new WorkloadSeen(true, 3, true, "rev-2"), T1);
    assertThat(s.phase()).isEqualTo(RolloutPhase.SUCCEEDED);
    assertThat(s.overrides()).containsExactly(promoted.record());
  }

  @Test
  void rollbackEntersRollingBackAtOnce() {
    Applied rolled = applied(in(RolloutPhase.PROGRESSING), OverrideAction.ROLLBACK);
    assertThat(rolled.status().phase()).isEqualTo(RolloutPhase.ROLLING_BACK);
    assertThat(rolled.status().reason())
        .isEqualTo("override rollback by alice: ticket 42 (Progressing at 25%)");
  }

  @Test
  void pauseFreezesTheStepButKeepsRecordingAnalysisAndResumeReturnsToThePhaseItLeft() {
    RolloutStatus paused = applied(in(RolloutPhase.PROGRESSING), OverrideAction.PAUSE).status();
    assertThat(paused.phase()).isEqualTo(RolloutPhase.PAUSED);
    RolloutStatus analysed = machine.next(paused, judged(Judgement.Action.ADVANCE), T1);
    assertThat(analysed.phase()).isEqualTo(RolloutPhase.PAUSED);
    assertThat(analysed.step().weight()).isEqualTo(25);
    assertThat(analysed.analysis().decision()).isEqualTo("ADVANCE");
    assertThat(analysed.analysis().canaryRequests()).isEqualTo(10);

    Instant later = T1.plusSeconds(600);
    OverrideOutcome resumed = machine.override(analysed, ask(OverrideAction.RESUME), later);
    RolloutStatus back = ((Applied) resumed).status();
    assertThat(back.phase()).isEqualTo(RolloutPhase.PROGRESSING);
    assertThat(back.step()).isEqualTo(new Step(2, 25, later, true));
    assertThat(back.pausedFrom()).isNull();
  }

  @Test
  void recordsWhoWhenWhatWhyAndThePhasesBeforeAndAfter() {
    Applied paused = applied(in(RolloutPhase.BASELINE), OverrideAction.PAUSE);
    assertThat(paused.record())
        .isEqualTo(
            new OverrideRecord(
                OverrideAction.PAUSE,
                "ticket 42",
                "alice",
                T1,
                RolloutPhase.BASELINE,
                RolloutPhase.PAUSED));
    assertThat(paused.status().overrides()).containsExactly(paused.record());
  }

  @Test
  void theSameActionTwiceMakesOneTransition() {
    Applied first = applied(in(RolloutPhase.PROGRESSING), OverrideAction.PAUSE);
    OverrideOutcome again = machine.override(first.status(), ask(OverrideAction.PAUSE), T1);
    assertThat(again).isEqualTo(new Repeated(first.record()));

    Applied promoted = applied(in(RolloutPhase.PROGRESSING), OverrideAction.PROMOTE);
    RolloutStatus finalizing =
        machine.next(promoted.status(), new HooksRan(HookOutcome.pass("ok")), T1);
    assertThat(machine.override(finalizing, ask(OverrideAction.PROMOTE), T1))
        .isEqualTo(new Repeated(promoted.record()));
  }

  @Test
  void pauseAfterResumeIsANewTransition() {
    RolloutStatus paused = applied(in(RolloutPhase.PROGRESSING), OverrideAction.PAUSE).status();
    RolloutStatus resumed = applied(paused, OverrideAction.RESUME).status();
    Applied again = applied(resumed, OverrideAction.PAUSE);
    assertThat(again.status().phase()).isEqualTo(RolloutPhase.PAUSED);
    assertThat(again.status().overrides()).hasSize(3);
  }

  @ParameterizedTest
  @CsvSource({
    "PROMOTE, ROLLED_BACK, promote is not valid in phase RolledBack",
    "PROMOTE, SUCCEEDED, promote is not valid in phase Succeeded",
    "PROMOTE, ROLLING_BACK, promote is not valid in phase RollingBack",
    "PROMOTE, PENDING, promote is not valid in phase Pending",
    "ROLLBACK, ROLLED_BACK, rollback is not valid in phase RolledBack",
    "ROLLBACK, FINALIZING, rollback is not valid in phase Finalizing",
    "ROLLBACK, SUCCEEDED, rollback is not valid in phase Succeeded",
    "PAUSE, PROMOTING, pause is not valid in phase Promoting",
    "PAUSE, FAILED, pause is not valid in phase Failed",
    "RESUME, PROGRESSING, resume is not valid in phase Progressing",
    "RESUME, ROLLED_BACK, resume is not valid in phase RolledBack"
  })
  void rejectsAnActionThatIsNotValidInThePhase(
      OverrideAction action, RolloutPhase phase, String message) {
    OverrideOutcome outcome = machine.override(in(phase), ask(action), T1);
    assertThat(outcome).isInstanceOf(Rejected.class);
    assertThat(((Rejected) outcome).reason()).startsWith(message + " (valid in ");
  }

  @Test
  void promoteAfterAnOverrideRollbackIsRejectedNotRepeated() {
    RolloutStatus rolledBack =
        applied(in(RolloutPhase.PROGRESSING), OverrideAction.ROLLBACK)
            .status()
            .enter(RolloutPhase.ROLLED_BACK, T1, "drained");
    assertThat(machine.override(rolledBack, ask(OverrideAction.PROMOTE), T1))
        .isEqualTo(
            new Rejected(
                "promote is not valid in phase RolledBack"
                    + " (valid in DarkCanary, Baseline, Progressing, Paused)"));
    assertThat(machine.override(rolledBack, ask(OverrideAction.ROLLBACK), T1))
        .isInstanceOf(Repeated.class);
  }

  @Test
  void keepsOnlyTheLatestOverridesInStatus() {
    RolloutStatus s = in(RolloutPhase.PROGRESSING);
    for (int i = 0; i < RolloutStatus.MAX_OVERRIDES + 5; i++) {
      OverrideAction action = i % 2 == 0 ? OverrideAction.PAUSE : OverrideAction.RESUME;
      s = applied(s, action).status();
    }
    assertThat(s.overrides()).hasSize(RolloutStatus.MAX_OVERRIDES);
    assertThat(s.lastOverride().action()).isEqualTo(OverrideAction.PAUSE);
  }
}
