package io.theseus.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.theseus.analysis.JudgeState;
import io.theseus.analysis.TickEvidence;
import io.theseus.config.OnInconclusive;
import io.theseus.rollout.Observation.Analysed;
import io.theseus.rollout.Observation.Drained;
import io.theseus.rollout.Observation.HooksRan;
import io.theseus.rollout.Observation.WorkloadSeen;
import io.theseus.testing.IstioQueries;
import io.theseus.testing.RolloutFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolloutStateMachineTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final WorkloadSeen READY = new WorkloadSeen(true, 3, true, "rev-2");

  private static RolloutSpec spec(OnInconclusive onInconclusive) {
    return RolloutFixtures.shop(
        RolloutFixtures.analysis(onInconclusive, List.of(), List.of()),
        new RolloutLimits(Duration.ofMinutes(5), Duration.ofMinutes(2), 1));
  }

  private final RolloutStateMachine machine =
      new RolloutStateMachine(spec(OnInconclusive.ROLLBACK));

  private static Analysed judged(Judgement.Action action) {
    return new Analysed(
        null, new Judgement(action, action.name(), List.of(), JudgeState.initial()), null, 10);
  }

  private RolloutStatus atStep(int index, int weight) {
    return RolloutStatus.created(T0)
        .withBackup(new StableBackup(3, "rev-1"))
        .enter(index == 0 ? RolloutPhase.BASELINE : RolloutPhase.PROGRESSING, T0, "test")
        .withStep(new Step(index, weight, T0, true));
  }

  @Test
  void walksThroughEveryStepAndPromotesAfterTheLast() {
    RolloutStatus s =
        machine.next(RolloutStatus.created(T0), new WorkloadSeen(true, 3, true, "rev-1"), T0);
    assertThat(s.backup()).isEqualTo(new StableBackup(3, "rev-1"));
    s = machine.next(s, READY, T0);
    s = machine.next(s, new HooksRan(HookOutcome.pass("ok")), T0);
    assertThat(s.phase()).isEqualTo(RolloutPhase.BASELINE);
    List<Integer> weights = new java.util.ArrayList<>(List.of(s.step().weight()));
    while (s.phase() == RolloutPhase.BASELINE || s.phase() == RolloutPhase.PROGRESSING) {
      s = machine.next(s, judged(Judgement.Action.ADVANCE), T0);
      weights.add(s.step().weight());
    }
    assertThat(weights).containsExactly(1, 5, 25, 50, 100, 100);
    assertThat(s.phase()).isEqualTo(RolloutPhase.PROMOTING);
    assertThat(s.stableLowered()).isTrue();
    s = machine.next(s, new HooksRan(HookOutcome.pass("ok")), T0);
    s = machine.next(s, READY, T0);
    assertThat(s.phase()).isEqualTo(RolloutPhase.SUCCEEDED);
    assertThat(s.reason()).isEqualTo("promoted v2 (revision rev-2)");
  }

  @Test
  void theStableIsNotMarkedLowerableBeforeTheLastStepPassed() {
    RolloutStatus s = atStep(3, 50);
    s = machine.next(s, judged(Judgement.Action.ADVANCE), T0);
    assertThat(s.step().weight()).isEqualTo(100);
    assertThat(s.stableLowered()).isFalse();
  }

  @Test
  void holdKeepsTheWeightUntilTheStepDeadline() {
    RolloutStatus s =
        machine.next(atStep(2, 25), judged(Judgement.Action.HOLD), T0.plusSeconds(599));
    assertThat(s.phase()).isEqualTo(RolloutPhase.PROGRESSING);
    assertThat(s.step().weight()).isEqualTo(25);
    s = machine.next(s, judged(Judgement.Action.HOLD), T0.plusSeconds(601));
    assertThat(s.phase()).isEqualTo(RolloutPhase.ROLLING_BACK);
    assertThat(s.reason()).isEqualTo("inconclusive at 25% after stepDeadline (Progressing at 25%)");
  }

  @ParameterizedTest
  @CsvSource({"PAUSE, Paused, 25", "ADVANCE, Progressing, 50"})
  void onInconclusiveDecidesAtTheStepDeadline(OnInconclusive policy, String phase, int weight) {
    RolloutStateMachine m = new RolloutStateMachine(spec(policy));
    RolloutStatus s = m.next(atStep(2, 25), judged(Judgement.Action.HOLD), T0.plusSeconds(601));
    assertThat(s.phase().display()).isEqualTo(phase);
    assertThat(s.step().weight()).isEqualTo(weight);
  }

  @Test
  void routesThatNeverConvergeEndInARollbackAndThenFailedAtTheProgressDeadline() {
    // progressDeadline is 5 minutes in this spec
    RolloutStatus initializing =
        RolloutStatus.created(T0).enter(RolloutPhase.INITIALIZING, T0, "stable backed up at 3");
    String why = "2 VirtualServices route host shop";
    assertThat(machine.unconverged(initializing, T0.plusSeconds(299), why)).isSameAs(initializing);

    RolloutStatus rolling = machine.unconverged(initializing, T0.plusSeconds(301), why);
    assertThat(rolling.phase()).isEqualTo(RolloutPhase.ROLLING_BACK);
    assertThat(rolling.reason())
        .isEqualTo(
            "routes or workloads not converged within progressDeadline: "
                + why
                + " (Initializing"
                + " at 0%)");
    assertThat(machine.unconverged(rolling, T0.plusSeconds(600), why).phase())
        .isEqualTo(RolloutPhase.ROLLING_BACK);
    RolloutStatus failed = machine.unconverged(rolling, T0.plusSeconds(602), why);
    assertThat(failed.phase()).isEqualTo(RolloutPhase.FAILED);
    assertThat(failed.reason()).startsWith(rolling.reason() + "; routes or workloads not");
  }

  @Test
  void whileAnalysingTheStepsStartIsWhatTheConvergenceDeadlineCountsFrom() {
    RolloutStatus step = atStep(2, 25).withStep(new Step(2, 25, T0.plusSeconds(200), true));
    assertThat(machine.unconverged(step, T0.plusSeconds(450), "503").phase())
        .isEqualTo(RolloutPhase.PROGRESSING);
    assertThat(machine.unconverged(step, T0.plusSeconds(501), "503").phase())
        .isEqualTo(RolloutPhase.ROLLING_BACK);
    RolloutStatus paused = machine.pause(step, T0.plusSeconds(210), "look");
    assertThat(machine.unconverged(paused, T0.plusSeconds(9999), "503")).isSameAs(paused);
  }

  @Test
  void pauseFreezesAndResumeReturnsToTheSamePhaseAndWeight() {
    RolloutStatus paused = machine.pause(atStep(2, 25), T0, "manual");
    assertThat(paused.phase()).isEqualTo(RolloutPhase.PAUSED);
    RolloutStatus still =
        machine.next(paused, judged(Judgement.Action.ADVANCE), T0.plusSeconds(30));
    assertThat(still.phase()).isEqualTo(RolloutPhase.PAUSED);
    assertThat(still.step().weight()).isEqualTo(25);
    RolloutStatus resumed = machine.resume(still, T0.plusSeconds(60), "go on");
    assertThat(resumed.phase()).isEqualTo(RolloutPhase.PROGRESSING);
    assertThat(resumed.step()).isEqualTo(new Step(2, 25, T0.plusSeconds(60), true));
    assertThat(resumed.pausedFrom()).isNull();
  }

  @Test
  void resumeGivesTheJudgeAWholeStepDeadlineAgain() {
    RolloutSpec spec =
        RolloutFixtures.shop(
            RolloutFixtures.analysis(IstioQueries.errorRate()),
            new RolloutLimits(Duration.ofMinutes(5), Duration.ofMinutes(2), 1));
    RolloutStateMachine m = new RolloutStateMachine(spec);
    // The judge has been at 25% for 11 minutes of a 10-minute stepDeadline, most of it paused.
    JudgeState judging = new JudgeState(2, 25, T0.minusSeconds(660), 22, 9000, Map.of(), Map.of());
    RolloutStatus paused =
        m.pause(
            atStep(2, 25).withAnalysis(withJudge(judging)), T0.minusSeconds(600), "look at p99");

    RolloutStatus resumed = m.resume(paused, T0, "p99 fine");
    TickEvidence noData =
        new TickEvidence(T0.plusSeconds(30), 25, Map.of(), Map.of("error-rate", "no data"));
    Judgement next = new AnalysisJudge().judge(spec, resumed.analysis().judgeState(), noData);

    assertThat(next.action()).isEqualTo(Judgement.Action.HOLD);
    assertThat(next.state().ticks()).isEqualTo(23);
  }

  private static RolloutStatus.AnalysisRecord withJudge(JudgeState state) {
    return new RolloutStatus.AnalysisRecord("HOLD", "", List.of(), 9000, state, List.of());
  }

  @Test
  void anOutageFreezesUntilItsDeadlineButARealFailureStillRollsBack() {
    Analysed outage =
        new Analysed(null, judged(Judgement.Action.ADVANCE).judgement(), "latency: refused", 0);
    RolloutStatus s = machine.next(atStep(1, 5), outage, T0);
    assertThat(s.step().weight()).isEqualTo(5);
    assertThat(s.outageSince()).isEqualTo(T0);
    assertThat(machine.next(s, outage, T0.plusSeconds(120)).phase())
        .isEqualTo(RolloutPhase.PROGRESSING);
    assertThat(machine.next(s, outage, T0.plusSeconds(121)).reason())
        .contains("metricsOutageDeadline");
    MetricLine fail = new MetricLine("error-rate", "FAIL", 0.05, 0.001, 0.003, 1e9, 400.0, "worse");
    Analysed failing =
        new Analysed(
            null,
            new Judgement(
                Judgement.Action.ROLLBACK, "error-rate FAIL", List.of(fail), JudgeState.initial()),
            "latency: refused",
            0);
    assertThat(machine.next(s, failing, T0.plusSeconds(1)).phase())
        .isEqualTo(RolloutPhase.ROLLING_BACK);
  }

  @Test
  void aStepDeadlineDoesNotRollBackDuringAnOutage() {
    MetricLine open =
        new MetricLine("latency", "INCONCLUSIVE", null, null, null, 1.0, 400.0, "no data");
    Analysed lateButOut =
        new Analysed(
            null,
            new Judgement(
                Judgement.Action.ROLLBACK,
                "step deadline passed",
                List.of(open),
                JudgeState.initial()),
            "latency: refused",
            0);
    RolloutStatus s = machine.next(atStep(1, 5), lateButOut, T0);
    assertThat(s.phase()).isEqualTo(RolloutPhase.PROGRESSING);
    assertThat(s.outageSince()).isEqualTo(T0);
    assertThat(machine.next(s, judged(Judgement.Action.ROLLBACK), T0.plusSeconds(30)).phase())
        .as("the first tick after the outage")
        .isEqualTo(RolloutPhase.ROLLING_BACK);
  }

  @Test
  void aCanaryNotAvailableWithinTheProgressDeadlineRollsBack() {
    RolloutStatus init = RolloutStatus.created(T0).enter(RolloutPhase.INITIALIZING, T0, "test");
    WorkloadSeen starting = new WorkloadSeen(true, 3, false, "rev-2");
    assertThat(machine.next(init, starting, T0.plusSeconds(300)).phase())
        .isEqualTo(RolloutPhase.INITIALIZING);
    assertThat(machine.next(init, starting, T0.plusSeconds(301)).reason())
        .startsWith("canary not available within progressDeadline");
  }

  @Test
  void rollbackEndsOnlyWhenTheCanaryTrafficDrainedOrFailsAtTheDeadline() {
    RolloutStatus back = atStep(2, 25).enter(RolloutPhase.ROLLING_BACK, T0, "error-rate FAIL");
    assertThat(machine.next(back, new Drained(null), T0.plusSeconds(30)).phase())
        .isEqualTo(RolloutPhase.ROLLING_BACK);
    assertThat(machine.next(back, new Drained(40L), T0.plusSeconds(30)).phase())
        .isEqualTo(RolloutPhase.ROLLING_BACK);
    RolloutStatus done = machine.next(back, new Drained(0L), T0.plusSeconds(30));
    assertThat(done.phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
    assertThat(done.reason()).isEqualTo("error-rate FAIL");
    RolloutStatus failed = machine.next(back, new Drained(40L), T0.plusSeconds(301));
    assertThat(failed.phase()).isEqualTo(RolloutPhase.FAILED);
    assertThat(failed.reason())
        .contains("not drained within progressDeadline (40 requests per window)");
  }

  @Test
  void anInvalidSpecFailsNamingEveryBadField() {
    RolloutSpec good = spec(OnInconclusive.ROLLBACK);
    RolloutSpec bad =
        new RolloutSpec(
            good.ref(),
            good.service(),
            new VersionSpec("shop-v1", "v1"),
            new VersionSpec("shop-v1", ""),
            good.analysis(),
            new RolloutLimits(Duration.ZERO, Duration.ZERO, 0));
    RolloutStatus s = new RolloutStateMachine(bad).next(RolloutStatus.created(T0), READY, T0);
    assertThat(s.phase()).isEqualTo(RolloutPhase.FAILED);
    assertThat(s.reason())
        .isEqualTo(
            "spec.canary.version: must not be blank; spec.canary.deployment: must differ from"
                + " spec.stable.deployment; spec.minReplicas: must be at least 1, got 0");
  }

  @Test
  void aPhaseGivenTheWrongObservationIsABugNamedAsSuch() {
    assertThatThrownBy(() -> machine.next(atStep(0, 1), READY, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("phase Baseline needs Analysed");
  }
}
