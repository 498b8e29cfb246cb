package io.theseus.controller;

import static io.theseus.controller.OnLoop.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.theseus.controller.FakeMetrics.Mode;
import io.theseus.rollout.HookOutcome;
import io.theseus.rollout.RolloutPhase;
import io.theseus.rollout.RolloutStatus;
import io.theseus.testing.EventLoopWatch;
import io.theseus.workload.WorkloadRef;
import io.vertx.core.Future;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AnalysisRunTest {

  @RegisterExtension final EventLoopWatch vertx = new EventLoopWatch();

  private final Rig rig = new Rig(0.001);

  /** Loads the engine's classes (and logging) before any test measures the event loop. */
  @BeforeAll
  static void loadClassesOffTheEventLoop() throws Exception {
    WarmUp.engine();
  }

  @Test
  void promotesAHealthyCanaryThroughEveryStepInOrder() throws Exception {
    rig.restart(TestRollouts.spec());
    RolloutStatus end = await(vertx.get(), rig::tickToEnd);
    assertThat(end.phase()).isEqualTo(RolloutPhase.SUCCEEDED);
    assertThat(end.reason()).isEqualTo("promoted v2 (revision rev-2)");
    assertThat(rig.phases())
        .containsExactly(
            "Initializing",
            "DarkCanary",
            "Baseline",
            "Progressing",
            "Promoting",
            "Finalizing",
            "Succeeded");
    assertThat(rig.router.canaryWeights()).containsExactly(1, 5, 25, 50, 100);
    assertThat(rig.workloads.get("shop-v1").exists()).isFalse();
  }

  @Test
  void finalizingMovesTheRoutesOntoTheNewVersionBeforeRemovingTheOldStable() throws Exception {
    rig.restart(TestRollouts.spec());
    await(vertx.get(), rig::tickToEnd);

    assertThat(rig.log.from(c -> c.startsWith("store.write Finalizing")))
        .containsSubsequence("router.promote", "workloads.remove shop-v1");
  }

  @Test
  void persistsEveryTransitionBeforeItsSideEffect() throws Exception {
    rig.restart(TestRollouts.spec());
    await(vertx.get(), rig::tickToEnd);
    List<String> calls = rig.log.all();
    for (int weight : List.of(1, 5, 25, 50, 100)) {
      int persisted = rig.log.indexOf(c -> c.matches("store.write \\w+ " + weight));
      int applied = calls.indexOf("router.setWeights " + weight);
      assertThat(persisted).as("status at %d%% written", weight).isNotNegative();
      assertThat(applied).as("weight %d%% set after its status", weight).isGreaterThan(persisted);
    }
  }

  @Test
  void neverLowersStableBeforeTheCanaryPassedAtHundredPercent() throws Exception {
    rig.restart(TestRollouts.spec());
    await(vertx.get(), rig::tickToEnd);
    int at100 = rig.log.indexOf(c -> c.equals("router.setWeights 100"));
    int promoted = rig.log.indexOf(c -> c.equals("store.write Promoting 100"));
    int lowered = rig.log.indexOf(c -> c.equals("workloads.scale shop-v1 1"));
    assertThat(at100).isPositive();
    assertThat(promoted).isGreaterThan(at100);
    assertThat(lowered).isGreaterThan(promoted);
    assertThat(rig.log.all().subList(0, lowered))
        .noneMatch(c -> c.startsWith("workloads.scale shop-v1"));
  }

  @Test
  void rollbackSetsCanaryWeightZeroBeforeAnythingElse() throws Exception {
    rig.restart(TestRollouts.spec());
    await(vertx.get(), () -> rig.tickUntil(s -> s.step().weight() == 25, 20));
    rig.metrics.canaryErrorRate(0.2);
    RolloutStatus end = await(vertx.get(), rig::tickToEnd);
    assertThat(end.phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
    assertThat(end.reason()).contains("error-rate FAIL", "Progressing at 25%");
    List<String> after = rig.log.from(c -> c.startsWith("store.write RollingBack"));
    assertThat(after.get(1)).isEqualTo("router.reset");
    assertThat(after).contains("workloads.remove shop-v2");
    assertThat(rig.log.all()).noneMatch(c -> c.startsWith("workloads.scale shop-v1"));
    assertThat(rig.router.canaryWeights()).containsExactly(1, 5, 25, 0);
    assertThat(rig.workloads.get("shop-v1").replicas()).isEqualTo(3);
  }

  @Test
  void rollsBackOnlyOnceTheCanaryTrafficDrained() throws Exception {
    rig.restart(TestRollouts.spec());
    await(vertx.get(), () -> rig.tickUntil(s -> s.step().weight() == 25, 20));
    rig.metrics.canaryErrorRate(0.2);
    await(vertx.get(), rig::tickToEnd);
    List<RolloutStatus> rollingBack =
        rig.statuses.stream().filter(s -> s.phase() == RolloutPhase.ROLLING_BACK).toList();
    // Entered, then one tick whose window still overlaps the reset, then drained.
    assertThat(rollingBack).hasSize(2);
  }

  @Test
  void aMetricsOutageWhileRollingBackLeavesTheDrainUnknownUntilTheProgressDeadline()
      throws Exception {
    rig.restart(TestRollouts.spec());
    await(vertx.get(), () -> rig.tickUntil(s -> s.step().weight() == 25, 20));
    rig.metrics.canaryErrorRate(0.2);
    await(vertx.get(), () -> rig.tickUntil(s -> s.phase() == RolloutPhase.ROLLING_BACK, 20));
    rig.metrics.mode(Mode.OUTAGE);
    RolloutStatus end = await(vertx.get(), rig::tickToEnd);
    assertThat(end.phase()).isEqualTo(RolloutPhase.FAILED);
    assertThat(end.reason()).contains("not drained within progressDeadline (unknown");
    assertThat(rig.router.canaryWeights()).containsExactly(1, 5, 25, 0);
  }

  @Test
  void metricsOutageFreezesWeightsAndRollsBackOnlyAtTheOutageDeadline() throws Exception {
    rig.restart(TestRollouts.spec());
    await(vertx.get(), () -> rig.tickUntil(s -> s.step().weight() == 5, 20));
    rig.metrics.mode(Mode.OUTAGE);
    RolloutStatus end =
        await(vertx.get(), () -> rig.tickUntil(s -> s.phase() != RolloutPhase.PROGRESSING, 20));
    List<RolloutStatus> frozen =
        rig.statuses.stream().filter(s -> s.outageSince() != null).toList();
    // 10 s ticks against a 1 minute outage deadline.
    assertThat(frozen).hasSize(7).allMatch(s -> s.step().weight() == 5);
    assertThat(end.phase()).isEqualTo(RolloutPhase.ROLLING_BACK);
    assertThat(end.reason()).contains("metricsOutageDeadline");
    assertThat(rig.router.canaryWeights()).containsExactly(1, 5, 0);
  }

  @Test
  void staleSeriesFreezeWeightsAndTheRolloutGoesOnWhenMetricsReturn() throws Exception {
    rig.restart(TestRollouts.spec());
    await(vertx.get(), () -> rig.tickUntil(s -> s.step().weight() == 5, 20));
    rig.metrics.mode(Mode.STALE);
    RolloutStatus frozen = await(vertx.get(), () -> rig.tickUntil(s -> false, 3));
    assertThat(frozen.step().weight()).isEqualTo(5);
    assertThat(frozen.outageSince()).isNotNull();
    rig.metrics.mode(Mode.HEALTHY);
    RolloutStatus end = await(vertx.get(), rig::tickToEnd);
    assertThat(end.phase()).isEqualTo(RolloutPhase.SUCCEEDED);
    assertThat(rig.router.canaryWeights()).containsExactly(1, 5, 25, 50, 100);
  }

  @Test
  void noDataHoldsTheWeightUntilTheStepDeadlineThenRollsBack() throws Exception {
    rig.restart(TestRollouts.spec());
    rig.metrics.mode(Mode.NO_DATA);
    RolloutStatus end =
        await(vertx.get(), () -> rig.tickUntil(s -> s.phase() == RolloutPhase.ROLLING_BACK, 20));
    assertThat(end.reason()).contains("inconclusive at 1% after stepDeadline");
    assertThat(rig.statuses)
        .filteredOn(s -> s.phase() == RolloutPhase.BASELINE)
        .hasSize(7)
        .allMatch(s -> s.outageSince() == null && s.step().weight() == 1);
  }

  @Test
  void failedDarkCanarySmokeRollsBackBeforeAnyWeightedTraffic() throws Exception {
    rig.restart(TestRollouts.spec());
    rig.hooks = (list, context) -> Future.succeededFuture(HookOutcome.fail("smoke: GET 503"));
    RolloutStatus end = await(vertx.get(), rig::tickToEnd);
    assertThat(end.phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
    assertThat(end.reason()).startsWith("dark-canary smoke failed: smoke: GET 503");
    assertThat(rig.router.canaryWeights()).containsExactly(0);
  }

  @Test
  void failsNamingTheFieldWhenTheStableWorkloadDoesNotExist() throws Exception {
    rig.restart(TestRollouts.spec());
    rig.workloads.remove(new WorkloadRef("demo", "shop-v1"));
    RolloutStatus end = await(vertx.get(), rig::tickToEnd);
    assertThat(end.phase()).isEqualTo(RolloutPhase.FAILED);
    assertThat(end.reason()).isEqualTo("spec.stable.deployment: shop-v1 does not exist");
    assertThat(rig.router.canaryWeights()).isEmpty();
  }

  @Test
  void aMeshThatRefusesEveryWriteRollsBackThenFailsAtEachProgressDeadline() throws Exception {
    rig.restart(TestRollouts.spec());
    await(vertx.get(), () -> rig.tickUntil(s -> s.step().weight() == 5, 20));
    rig.router.failing(true);
    for (int i = 0; i < 30; i++) { // 5 minutes of 10 s ticks: past two 2-minute progressDeadlines
      try {
        await(vertx.get(), rig::tickAnyway);
      } catch (Exception unconverged) {
        assertThat(unconverged).hasMessageContaining("mesh unreachable");
      }
    }

    RolloutStatus end = await(vertx.get(), rig::load);
    assertThat(end.phase()).isEqualTo(RolloutPhase.FAILED);
    assertThat(end.reason())
        .startsWith("routes or workloads not converged within progressDeadline")
        .contains("mesh unreachable")
        .contains("(Progressing at 5%)");
  }

  @Test
  void aFailedRouteWriteChangesNothingPersistedAndTheNextTickRetries() throws Exception {
    rig.restart(TestRollouts.spec());
    await(vertx.get(), () -> rig.tickUntil(s -> s.step().weight() == 5, 20));
    rig.router.failing(true);
    assertThatThrownBy(() -> await(vertx.get(), rig::tickToEnd))
        .hasMessageContaining("mesh unreachable");
    rig.router.failing(false);
    RolloutStatus end = await(vertx.get(), rig::tickToEnd);
    assertThat(end.phase()).isEqualTo(RolloutPhase.SUCCEEDED);
    assertThat(rig.router.canaryWeights()).containsExactly(1, 5, 25, 50, 100);
  }
}
