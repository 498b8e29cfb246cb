package io.theseus.controller;

import static io.theseus.controller.OnLoop.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.HookOutcome;
import io.theseus.rollout.OverrideAction;
import io.theseus.rollout.OverrideOutcome;
import io.theseus.rollout.OverrideRequest;
import io.theseus.rollout.RolloutPhase;
import io.theseus.rollout.RolloutStatus;
import io.theseus.routing.RouteWeights;
import io.theseus.telemetry.TheseusMetrics;
import io.theseus.testing.EventLoopWatch;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OverrideControllerTest {

  @RegisterExtension final EventLoopWatch vertx = new EventLoopWatch();

  private final CallLog log = new CallLog();
  private final RecordingRouter recording = new RecordingRouter(log);
  private final GatedRouter router = new GatedRouter(recording, 5);
  private final RecordingStore store = new RecordingStore(log);
  private final TheseusMetrics metrics = new TheseusMetrics(new PrometheusRegistry(), "test");

  @BeforeAll
  static void loadClassesOffTheCheckedEventLoop() throws Exception {
    WarmUp.engine();
  }

  /** A controller running shop with an hour's interval: the test ticks it by hand. */
  private CanaryController started() throws Exception {
    FakeWorkloads workloads =
        new FakeWorkloads(log).with("shop-v1", 3, "rev-1").with("shop-v2", 3, "rev-2");
    RolloutPorts ports =
        new RolloutPorts(
            store,
            router,
            workloads,
            new FakeMetrics(recording, 0.001),
            (hooks, context) -> Future.succeededFuture(HookOutcome.pass("none")),
            new RuleJudge());
    CanaryController controller = new CanaryController(ports, Clock.systemUTC());
    controller.listen(new TelemetryListener(metrics));
    await(vertx.get(), () -> vertx.get().deployVerticle(controller));
    Promise<RolloutView> firstTick = Promise.promise();
    controller.listen(firstTick::tryComplete);
    controller.add(TestRollouts.every(Duration.ofHours(1)));
    await(vertx.get(), firstTick::future);
    return controller;
  }

  private static OverrideRequest ask(OverrideAction action) {
    return new OverrideRequest(action, "ticket 7", "alice");
  }

  private RolloutStatus tick(CanaryController controller) throws Exception {
    return await(vertx.get(), () -> controller.tick(TestRollouts.REF));
  }

  private OverrideOutcome override(CanaryController controller, OverrideAction action)
      throws Exception {
    return await(vertx.get(), () -> controller.override(TestRollouts.REF, ask(action)));
  }

  @Test
  void anOverrideDuringATickWaitsForItsWeightWriteAndNeverLeavesAHalfAppliedWeight()
      throws Exception {
    CanaryController controller = started();
    tick(controller); // DarkCanary
    assertThat(tick(controller).step().weight()).isEqualTo(1); // Baseline at 1%
    Future<RolloutStatus> held = controller.tick(TestRollouts.REF); // persists 5%, write held
    await(vertx.get(), router.reached::future);

    Future<OverrideOutcome> rollback =
        controller.override(TestRollouts.REF, ask(OverrideAction.ROLLBACK));
    await(vertx.get(), () -> vertx.get().timer(100));
    assertThat(rollback.isComplete())
        .as("override done while the tick's write is held: %s", rollback)
        .isFalse();
    RolloutStatus skipped = tick(controller); // returns at once: skipped, not queued
    assertThat(skipped.step().weight()).isEqualTo(1);
    assertThat(controller.skippedTicks()).isEqualTo(1);
    router.release();

    assertThat(await(vertx.get(), () -> held).step().weight()).isEqualTo(5);
    OverrideOutcome outcome = await(vertx.get(), () -> rollback);
    assertThat(outcome).isInstanceOf(OverrideOutcome.Applied.class);
    assertThat(log.all())
        .containsSubsequence("router.setWeights 5", "store.write RollingBack 5", "router.reset");
    assertThat(recording.state().weights()).isEqualTo(RouteWeights.ALL_STABLE);
    assertThat(controller.rollout(TestRollouts.REF).orElseThrow().status().phase())
        .isEqualTo(RolloutPhase.ROLLING_BACK);
  }

  @Test
  void aPersistedRollbackIsAppliedAndCountedWhileTheMeshIsDownAndTheNextTickResetsTheRoutes()
      throws Exception {
    CanaryController controller = started();
    tick(controller);
    assertThat(tick(controller).step().weight()).isEqualTo(1);
    recording.failing(true);

    OverrideOutcome outcome = override(controller, OverrideAction.ROLLBACK);

    assertThat(outcome).isInstanceOf(OverrideOutcome.Applied.class);
    assertThat(metrics.scrape())
        .contains(
            "theseus_overrides_total{action=\"rollback\",namespace=\"demo\",rollout=\"shop\"} 1.0");
    assertThat(recording.state().weights()).isNotEqualTo(RouteWeights.ALL_STABLE);
    recording.failing(false);
    tick(controller);
    assertThat(recording.state().weights()).isEqualTo(RouteWeights.ALL_STABLE);
  }

  @Test
  void theSameOverrideTwiceMakesOneTransitionAndCountsOnce() throws Exception {
    CanaryController controller = started();
    tick(controller);
    tick(controller);
    OverrideOutcome first = override(controller, OverrideAction.PAUSE);
    int writes = log.all().size();
    OverrideOutcome second = override(controller, OverrideAction.PAUSE);

    OverrideOutcome.Applied applied = (OverrideOutcome.Applied) first;
    assertThat(second).isEqualTo(new OverrideOutcome.Repeated(applied.record()));
    assertThat(log.all()).hasSize(writes);
    assertThat(metrics.scrape())
        .contains(
            "theseus_overrides_total{action=\"pause\",namespace=\"demo\",rollout=\"shop\"} 1.0");
  }

  @Test
  void pauseFreezesTheWeightWhileTicksKeepAnalysingAndResumeMovesOn() throws Exception {
    CanaryController controller = started();
    tick(controller);
    tick(controller); // Baseline 1%
    override(controller, OverrideAction.PAUSE);
    RolloutStatus paused = tick(controller);
    paused = tick(controller);
    assertThat(paused.phase()).isEqualTo(RolloutPhase.PAUSED);
    assertThat(recording.canaryWeights()).containsExactly(1);
    assertThat(paused.analysis().decision()).isEqualTo("ADVANCE");

    override(controller, OverrideAction.RESUME);
    router.release();
    assertThat(tick(controller).step().weight()).isEqualTo(5);
    assertThat(recording.canaryWeights()).containsExactly(1, 5);
  }

  @Test
  void anInvalidOverrideIsRejectedAndAnUnknownRolloutFails() throws Exception {
    CanaryController controller = started();
    OverrideOutcome outcome = override(controller, OverrideAction.RESUME);
    assertThat(outcome).isInstanceOf(OverrideOutcome.Rejected.class);
    assertThat(((OverrideOutcome.Rejected) outcome).reason())
        .startsWith("resume is not valid in phase Initializing");
    assertThatThrownBy(
            () ->
                await(
                    vertx.get(),
                    () ->
                        controller.override(
                            new CanaryRef("demo", "nope"), ask(OverrideAction.PAUSE))))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(UnknownRolloutException.class)
        .hasMessageContaining("rollout demo/nope not found");
    assertThat(metrics.scrape())
        .doesNotContain(
            "theseus_overrides_total{action=\"resume\",namespace=\"demo\",rollout=\"shop\"} 1.0");
  }
}
