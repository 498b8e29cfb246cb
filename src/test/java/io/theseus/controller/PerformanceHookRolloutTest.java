package io.theseus.controller;

import static io.theseus.controller.OnLoop.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.config.HookSpec;
import io.theseus.config.HookStage;
import io.theseus.hook.Hooks;
import io.theseus.rollout.HookFigures;
import io.theseus.rollout.HookOutcome;
import io.theseus.rollout.RolloutPhase;
import io.theseus.rollout.RolloutSpec;
import io.theseus.rollout.RolloutStatus;
import io.theseus.store.file.FileRolloutStore;
import io.theseus.testing.EventLoopWatch;
import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PerformanceHookRolloutTest {

  @RegisterExtension final EventLoopWatch vertx = new EventLoopWatch();

  @TempDir Path dir;

  private static final RolloutSpec SPEC =
      TestRollouts.spec(
          List.of(
              new HookSpec.HttpProbe(
                  "checkout-perf",
                  HookStage.PERFORMANCE,
                  Duration.ofSeconds(1),
                  "/checkout",
                  10,
                  200,
                  Duration.ofSeconds(1),
                  HookSpec.HttpProbe.DEFAULT_TOLERANCE)));

  @BeforeAll
  static void loadClassesOffTheCheckedEventLoop() throws Exception {
    WarmUp.engine();
  }

  /** Performance hooks measure a p95 of 100 ms, doubling to 200 ms from 25% on. */
  private static Hooks latencyDoublingAt25() {
    return (hooks, context) ->
        Future.succeededFuture(
            HookOutcome.pass("passed")
                .withFigures(
                    hooks.stream()
                        .filter(h -> h.stage() == HookStage.PERFORMANCE)
                        .map(
                            h ->
                                new HookFigures(
                                    h.name(),
                                    context.weight(),
                                    context.weight() >= 25 ? 200.0 : 100.0,
                                    10))
                        .toList()));
  }

  @Test
  void aPerformanceHookWhoseLatencyDoublesAt25PercentRollsBackNamingTheFigures() throws Exception {
    Rig rig = new Rig(0.001, new FileRolloutStore(vertx.get(), dir));
    rig.hooks = latencyDoublingAt25();
    rig.restart(SPEC);
    RolloutStatus end = await(vertx.get(), rig::tickToEnd);

    assertThat(end.phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
    assertThat(end.reason())
        .isEqualTo(
            "step hooks failed: checkout-perf: p95 latency 200.0 ms at 25% exceeds the limit"
                + " 150.0 ms (captured 100.0 ms at 1%, tolerance relative 0.5, absolute 25.0 ms)"
                + " (Progressing at 25%)");
    assertThat(rig.router.canaryWeights()).containsExactly(1, 5, 25, 0);
  }

  @Test
  void theFiguresCapturedAt1PercentArePersistedAndARestartedEngineComparesWithThem()
      throws Exception {
    Rig rig = new Rig(0.001, new FileRolloutStore(vertx.get(), dir));
    rig.hooks = latencyDoublingAt25();
    rig.restart(SPEC);
    await(vertx.get(), () -> rig.tickUntil(s -> s.step().weight() == 5, 20));

    // The engine dies at 5%: a new store and run on the same files read the captured figures.
    rig.reopen(new FileRolloutStore(vertx.get(), dir));
    rig.restart(SPEC);
    RolloutStatus resumed = await(vertx.get(), rig::load);
    assertThat(resumed.analysis().performance())
        .containsExactly(new HookFigures("checkout-perf", 1, 100.0, 10));
    assertThat(Files.readString(dir.resolve("demo/shop.json")))
        .contains("\"performance\"", "\"p95Millis\":100.0");

    RolloutStatus end = await(vertx.get(), rig::tickToEnd);
    assertThat(end.phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
    assertThat(end.reason()).contains("captured 100.0 ms at 1%", "Progressing at 25%");
  }
}
