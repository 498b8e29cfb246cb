package io.theseus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.rollout.RolloutPhase;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RestartDemoIT {

  @RegisterExtension static final DemoRig demos = new DemoRig();

  @Test
  void anEngineKilledAtTwentyFivePercentResumesThereWithoutAWeightFlap() throws Exception {
    demos.run(
        "healthy",
        demo -> {
          var at25 =
              demo.when(
                  v ->
                      v.status().phase() == RolloutPhase.PROGRESSING
                          && v.status().step().weight() == 25);
          var firstRun = demo.engine.run();
          at25.get(180, TimeUnit.SECONDS);
          int writesBefore = demo.taps.writes().size();

          demo.restartEngine();
          DemoOutcome outcome = DemoHarness.await(demo.engine.run(), 300).get(0);

          assertThat(firstRun.failed()).as("the killed engine's run ended with it").isTrue();
          assertThat(outcome.status().phase()).isEqualTo(RolloutPhase.SUCCEEDED);
          List<String> afterRestart =
              demo.taps.writes().subList(writesBefore, demo.taps.writes().size());
          assertThat(afterRestart)
              .doesNotContain("initialize", "reset", "setWeights 10")
              .startsWith("setWeights 50");
          assertThat(demo.taps.canaryWeights()).containsExactly(10, 25, 50, 100);
          demo.assertStableNeverLoweredEarly();
        });
  }
}
