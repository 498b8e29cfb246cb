package io.theseus.controller;

import static io.theseus.controller.OnLoop.await;
import static org.assertj.core.api.Assertions.assertThat;

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
    rig.offloadTo(vertx.get());
    rig.restart(TestRollouts.spec());
    await(vertx.get(), () -> rig.tickUntil(s -> s.step().weight() == 25, 20));
    int beforeRestart = rig.log.all().size();

    // The engine dies: drop the run and its store, build both anew on the same files.
    rig.reopen(new FileRolloutStore(vertx.get(), dir));
    rig.restart(TestRollouts.spec());
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
}
