package io.theseus.controller;

import static io.theseus.controller.OnLoop.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.rollout.OverrideAction;
import io.theseus.rollout.OverrideOutcome;
import io.theseus.rollout.OverrideRequest;
import io.theseus.rollout.RolloutPhase;
import io.theseus.rollout.RolloutStatus;
import io.theseus.store.file.FileRolloutStore;
import io.theseus.testing.EventLoopWatch;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RestartFromFileStoreTest {

  @RegisterExtension final EventLoopWatch vertx = new EventLoopWatch();

  @TempDir Path dir;

  @BeforeAll
  static void loadClassesOffTheCheckedEventLoop() throws Exception {
    WarmUp.engine();
  }

  @Test
  void aRestartAtTwentyFivePercentResumesThereWithoutAWeightFlap() throws Exception {
    Rig rig = new Rig(0.001, new FileRolloutStore(vertx.get(), dir));
    startAndReachTwentyFive(rig);
    int beforeRestart = rig.log.all().size();

    restartOnTheSameFiles(rig);
    RolloutStatus resumed = await(vertx.get(), rig::load);
    RolloutStatus end = await(vertx.get(), rig::tickToEnd);

    assertThat(resumed.phase()).isEqualTo(RolloutPhase.PROGRESSING);
    assertThat(resumed.step().weight()).isEqualTo(25);
    List<String> afterRestart = rig.log.all().subList(beforeRestart, rig.log.all().size());
    assertThat(afterRestart)
        .noneMatch(c -> c.equals("router.setWeights 1") || c.equals("router.setWeights 5"))
        .noneMatch(c -> c.equals("router.reset") || c.equals("router.initialize"));
    assertThat(end.phase()).isEqualTo(RolloutPhase.SUCCEEDED);
    assertThat(rig.router.canaryWeights()).containsExactly(1, 5, 25, 50, 100);
  }

  @Test
  void aRestartAfterAPauseStaysPausedWithTheOverrideRecordedAndResumesOnRequest() throws Exception {
    Rig rig = new Rig(0.001, new FileRolloutStore(vertx.get(), dir));
    AnalysisRun run = startAndReachTwentyFive(rig);
    OverrideRequest pause = new OverrideRequest(OverrideAction.PAUSE, "look at p99", "alice");
    OverrideOutcome.Applied paused =
        (OverrideOutcome.Applied) await(vertx.get(), () -> run.override(pause));

    AnalysisRun restarted = restartOnTheSameFiles(rig);
    RolloutStatus resumed = await(vertx.get(), rig::load);
    assertThat(resumed.phase()).isEqualTo(RolloutPhase.PAUSED);
    assertThat(resumed.overrides()).containsExactly(paused.record());
    RolloutStatus stillPaused = await(vertx.get(), () -> rig.tickUntil(s -> false, 3));
    assertThat(stillPaused.phase()).isEqualTo(RolloutPhase.PAUSED);
    assertThat(rig.router.canaryWeights()).containsExactly(1, 5, 25);
    assertThat(await(vertx.get(), () -> restarted.override(pause)))
        .isEqualTo(new OverrideOutcome.Repeated(paused.record()));

    OverrideRequest resume = new OverrideRequest(OverrideAction.RESUME, "p99 fine", "bob");
    await(vertx.get(), () -> restarted.override(resume));
    RolloutStatus end = await(vertx.get(), rig::tickToEnd);
    assertThat(end.phase()).isEqualTo(RolloutPhase.SUCCEEDED);
    assertThat(end.overrides())
        .extracting(
            r -> r.action() + " by " + r.by() + " " + r.phaseBefore() + "->" + r.phaseAfter())
        .containsExactly("pause by alice Progressing->Paused", "resume by bob Paused->Progressing");
  }

  private AnalysisRun startAndReachTwentyFive(Rig rig) throws Exception {
    rig.offloadTo(vertx.get());
    AnalysisRun run = rig.restart(TestRollouts.spec());
    await(vertx.get(), () -> rig.tickUntil(s -> s.step().weight() == 25, 20));
    return run;
  }

  /** The engine dies: drop the run and its store, build both anew on the same files. */
  private AnalysisRun restartOnTheSameFiles(Rig rig) {
    rig.reopen(new FileRolloutStore(vertx.get(), dir));
    return rig.restart(TestRollouts.spec());
  }
}
