package io.theseus.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HookFiguresTest {

  @Test
  void p95OfTwentyRequestsIsTheNineteenthFastestByNearestRank() {
    double[] latencies = new double[20];
    for (int i = 0; i < 20; i++) {
      latencies[i] = 20 - i; // 20, 19, ..., 1 ms: unsorted on purpose
    }
    HookFigures figures = HookFigures.measured("perf", 1, latencies);
    // ceil(0.95 * 20) = 19th of 1..20 ms.
    assertThat(figures).isEqualTo(new HookFigures("perf", 1, 19.0, 20));
  }

  @Test
  void p95OfTenRequestsIsTheSlowestOne() {
    double[] latencies = {5, 6, 7, 8, 9, 10, 11, 12, 13, 90};
    // ceil(0.95 * 10) = 10: with few requests the p95 is the maximum.
    assertThat(HookFigures.measured("perf", 25, latencies).p95Millis()).isEqualTo(90.0);
  }

  @Test
  void p95OfAHundredRequestsIsTheNinetyFifthAndOfOneRequestThatOne() {
    double[] latencies = new double[100];
    for (int i = 0; i < 100; i++) {
      latencies[i] = i + 1;
    }
    assertThat(HookFigures.measured("perf", 1, latencies).p95Millis()).isEqualTo(95.0);
    assertThat(HookFigures.measured("perf", 1, new double[] {7.5}).p95Millis()).isEqualTo(7.5);
  }

  @Test
  void aRunWithoutRequestsHasNoFigures() {
    assertThatThrownBy(() -> HookFigures.measured("perf", 1, new double[0]))
        .hasMessage("perf: no latencies measured");
  }
}
