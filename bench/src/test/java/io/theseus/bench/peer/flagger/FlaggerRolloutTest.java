package io.theseus.bench.peer.flagger;

import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.bench.Ticks;
import io.theseus.bench.run.Rollout.Action;
import org.junit.jupiter.api.Test;

class FlaggerRolloutTest {

  private final FlaggerSettings settings = FlaggerSettings.defaults();

  @Test
  void noCanaryTrafficIsAFailedCheckAndRollsBackAfterTheThreshold() {
    FlaggerRollout rollout = new FlaggerRollout(settings);
    for (int minute = 1; minute <= 5; minute++) {
      assertThat(rollout.observe(Ticks.minute(minute, 0, 0, 0))).isEqualTo(Action.CONTINUE);
    }
    // the threshold check runs at the start of the next interval
    assertThat(rollout.observe(Ticks.minute(6, 1000, 0, 0))).isEqualTo(Action.ROLLBACK);
    assertThat(rollout.weight()).isEqualTo(1);
  }

  @Test
  void failedChecksAccumulateAcrossPassingOnes() {
    FlaggerRollout rollout = new FlaggerRollout(settings);
    int minute = 0;
    for (int round = 0; round < 4; round++) {
      rollout.observe(Ticks.minute(++minute, 1000, 20, 0)); // 98% success: fails min 99
      rollout.observe(Ticks.minute(++minute, 1000, 0, 0));
    }
    assertThat(rollout.weight()).isEqualTo(5);
    assertThat(rollout.observe(Ticks.minute(++minute, 1000, 20, 0))).isEqualTo(Action.CONTINUE);
    assertThat(rollout.observe(Ticks.minute(++minute, 1000, 0, 0))).isEqualTo(Action.ROLLBACK);
  }

  @Test
  void slowP99IsAFailedCheckAndDoesNotMoveTheWeight() {
    FlaggerRollout rollout = new FlaggerRollout(settings.withThresholds(99, 300));
    // 2% of requests in 250-500 ms: histogram_quantile(0.99) = 250 + 250 * 0.5 = 375 ms
    assertThat(rollout.observe(Ticks.minute(1, 1000, 0, 20))).isEqualTo(Action.CONTINUE);
    assertThat(rollout.weight()).isEqualTo(1);
  }

  @Test
  void stepsTheWeightOnEachPassingCheckAndPromotesAtMaxWeight() {
    FlaggerRollout rollout = new FlaggerRollout(settings);
    for (int minute = 1; minute < 30; minute++) {
      assertThat(rollout.observe(Ticks.minute(minute, 1000, 0, 0))).isEqualTo(Action.CONTINUE);
      assertThat(rollout.weight()).isEqualTo(minute + 1);
    }
    assertThat(rollout.observe(Ticks.minute(30, 1000, 0, 0))).isEqualTo(Action.PROMOTE);
  }
}
