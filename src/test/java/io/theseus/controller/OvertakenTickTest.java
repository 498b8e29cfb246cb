package io.theseus.controller;

import static io.theseus.controller.OnLoop.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.theseus.hook.Hooks;
import io.theseus.rollout.HookOutcome;
import io.theseus.rollout.RolloutPhase;
import io.theseus.rollout.RolloutStatus;
import io.theseus.store.StaleStatusException;
import io.theseus.testing.EventLoopWatch;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tick still in flight when another replica took over (and wrote), or when its controller
 * stopped: whatever it decides is dropped, so it writes nothing and moves no traffic.
 */
class OvertakenTickTest {

  @RegisterExtension final EventLoopWatch vertx = new EventLoopWatch();

  private final Rig rig = new Rig(0.001);
  private final Promise<HookOutcome> smoke = Promise.promise();
  private final Promise<Void> hanging = Promise.promise();

  @BeforeAll
  static void loadClassesOffTheEventLoop() throws Exception {
    WarmUp.engine();
  }

  @Test
  void aTickOvertakenByAnotherReplicasWritePersistsNothingAndMovesNoTraffic() throws Exception {
    Future<RolloutStatus> stale = tickHangingInItsHooksAt25(rig.restart(TestRollouts.spec()));
    rig.restart(TestRollouts.spec()); // the new leader, on the same store
    assertThat(await(vertx.get(), rig::tickToEnd).phase()).isEqualTo(RolloutPhase.SUCCEEDED);
    int mark = rig.log.all().size();

    assertThatThrownBy(() -> release(stale)).hasCauseInstanceOf(StaleStatusException.class);

    assertNoSideEffectsAfter(mark);
    assertThat(await(vertx.get(), rig::load).phase()).isEqualTo(RolloutPhase.SUCCEEDED);
  }

  @Test
  void aTickWhoseControllerStoppedMeanwhilePersistsNothingAndMovesNoTraffic() throws Exception {
    AnalysisRun run = rig.restart(TestRollouts.spec());
    Future<RolloutStatus> stopped = tickHangingInItsHooksAt25(run);
    int mark = rig.log.all().size();
    run.retire();

    assertThatThrownBy(() -> release(stopped))
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tick result dropped");

    assertNoSideEffectsAfter(mark);
    RolloutStatus persisted = await(vertx.get(), rig::load);
    assertThat(persisted.phase()).isEqualTo(RolloutPhase.PROGRESSING);
    assertThat(persisted.step().hooksPassed()).isFalse();
  }

  /** Brings the rollout to 25%, then starts a tick of {@code run} that waits in its step hooks. */
  private Future<RolloutStatus> tickHangingInItsHooksAt25(AnalysisRun run) throws Exception {
    await(vertx.get(), () -> rig.tickUntil(s -> s.step().weight() == 25, 20));
    Hooks passing = rig.hooks;
    rig.hooks =
        (list, context) -> {
          hanging.tryComplete();
          return smoke.future();
        };
    Promise<RolloutStatus> tick = Promise.promise();
    vertx.get().runOnContext(v -> run.tick().onComplete(tick));
    hanging.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    rig.hooks = passing;
    return tick.future();
  }

  /** Lets the hanging hooks pass and waits for the tick: its result, or its failure thrown. */
  private RolloutStatus release(Future<RolloutStatus> tick)
      throws InterruptedException, ExecutionException, TimeoutException {
    vertx.get().runOnContext(v -> smoke.complete(HookOutcome.pass("smoke ok")));
    return tick.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void assertNoSideEffectsAfter(int mark) {
    List<String> all = rig.log.all();
    assertThat(all.subList(mark, all.size()))
        .noneMatch(
            c ->
                c.startsWith("store.write")
                    || c.startsWith("router.")
                    || c.startsWith("workloads."));
  }
}
