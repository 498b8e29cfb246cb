package io.theseus.controller;

import static io.theseus.controller.OnLoop.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.rollout.HookOutcome;
import io.theseus.rollout.RolloutPhase;
import io.theseus.rollout.RolloutStatus;
import io.theseus.testing.EventLoopWatch;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CanaryControllerTest {

  @RegisterExtension final EventLoopWatch vertx = new EventLoopWatch();

  private final CallLog log = new CallLog();
  private final RecordingRouter router = new RecordingRouter(log);
  private final FakeWorkloads workloads =
      new FakeWorkloads(log).with("shop-v1", 3, "rev-1").with("shop-v2", 3, "rev-2");

  @BeforeAll
  static void loadClassesOffTheCheckedEventLoop() throws Exception {
    WarmUp.engine();
  }

  private CanaryController deploy(io.theseus.hook.Hooks hooks) throws Exception {
    RolloutPorts ports =
        new RolloutPorts(
            new RecordingStore(log),
            router,
            workloads,
            new FakeMetrics(router, 0.001),
            hooks,
            new RuleJudge());
    CanaryController controller = new CanaryController(ports, Clock.systemUTC());
    await(vertx.get(), () -> vertx.get().deployVerticle(controller));
    return controller;
  }

  @Test
  void runsARolloutOnItsTimerToTheEndAndStopsTicking() throws Exception {
    CanaryController controller =
        deploy((hooks, context) -> Future.succeededFuture(HookOutcome.pass("none")));
    RolloutStatus end =
        controller
            .add(TestRollouts.every(Duration.ofMillis(20)))
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    assertThat(end.phase()).isEqualTo(RolloutPhase.SUCCEEDED);
    assertThat(router.canaryWeights()).containsExactly(1, 5, 25, 50, 100);
    assertThat(controller.rollout(TestRollouts.REF))
        .get()
        .extracting(v -> v.status().phase())
        .isEqualTo(RolloutPhase.SUCCEEDED);
    int writes = log.all().size();
    await(vertx.get(), () -> vertx.get().timer(200));
    assertThat(log.all()).hasSize(writes);
  }

  @Test
  void skipsATickWhileTheRolloutsPreviousTickIsStillRunning() throws Exception {
    Promise<HookOutcome> slowSmoke = Promise.promise();
    CanaryController controller = deploy((hooks, context) -> slowSmoke.future());
    Promise<RolloutView> firstTick = Promise.promise();
    controller.listen(firstTick::tryComplete);
    Future<RolloutStatus> done = controller.add(TestRollouts.every(Duration.ofHours(1)));
    // The timer's first tick leaves Pending; the next enters DarkCanary, whose smoke then waits.
    assertThat(await(vertx.get(), firstTick::future).status().phase())
        .isEqualTo(RolloutPhase.INITIALIZING);
    await(vertx.get(), () -> controller.tick(TestRollouts.REF));
    Future<RolloutStatus> stuck = controller.tick(TestRollouts.REF);
    RolloutStatus skipped = await(vertx.get(), () -> controller.tick(TestRollouts.REF));

    assertThat(controller.skippedTicks()).isEqualTo(1);
    assertThat(skipped.phase()).isEqualTo(RolloutPhase.DARK_CANARY);
    slowSmoke.complete(HookOutcome.pass("late"));
    assertThat(await(vertx.get(), () -> stuck).phase()).isEqualTo(RolloutPhase.BASELINE);
    assertThat(done.isComplete()).isFalse();
    assertThat(List.of(router.canaryWeights())).containsExactly(List.of(1));
  }
}
