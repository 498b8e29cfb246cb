package io.theseus.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.config.HookSpec;
import io.theseus.config.HookStage;
import io.theseus.config.OnInconclusive;
import io.theseus.config.Tolerance;
import io.theseus.testing.RolloutFixtures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerformanceBaselineTest {

  private static final Duration SECOND = Duration.ofSeconds(1);

  private static HookSpec probe(String name, Tolerance tolerance) {
    return new HookSpec.HttpProbe(
        name, HookStage.PERFORMANCE, SECOND, "/", 10, 200, SECOND, tolerance);
  }

  private static final PerformanceBaseline BASELINE =
      new PerformanceBaseline(
          RolloutFixtures.analysis(
              OnInconclusive.ROLLBACK,
              List.of(
                  probe("checkout", new Tolerance(0.2, null)),
                  probe("search", HookSpec.HttpProbe.DEFAULT_TOLERANCE)),
              List.of()));

  private static final List<HookFigures> CAPTURED =
      List.of(new HookFigures("checkout", 1, 100, 10), new HookFigures("search", 1, 10, 10));

  private static HookOutcome ran(HookFigures... figures) {
    return HookOutcome.pass("passed").withFigures(List.of(figures));
  }

  @Test
  void aFigureWithinItsRelativeTolerancePasses() {
    HookOutcome outcome = ran(new HookFigures("checkout", 25, 120, 10));
    assertThat(BASELINE.compare(CAPTURED, outcome)).isSameAs(outcome);
  }

  @Test
  void aFigureBeyondItsToleranceFailsNamingHookCapturedFigureNewFigureAndLimit() {
    HookOutcome outcome = BASELINE.compare(CAPTURED, ran(new HookFigures("checkout", 25, 121, 10)));
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.detail())
        .isEqualTo(
            "checkout: p95 latency 121.0 ms at 25% exceeds the limit 120.0 ms"
                + " (captured 100.0 ms at 1%, tolerance relative 0.2)");
  }

  @Test
  void theDefaultAbsoluteFloorKeepsJitterOnAFastServiceFromFailing() {
    // 10 ms captured: 50% would allow only 15 ms, the 25 ms floor allows 35 ms.
    assertThat(BASELINE.compare(CAPTURED, ran(new HookFigures("search", 5, 35, 10))).passed())
        .isTrue();
    HookOutcome slower = BASELINE.compare(CAPTURED, ran(new HookFigures("search", 5, 35.5, 10)));
    assertThat(slower.detail())
        .contains("limit 35.0 ms", "tolerance relative 0.5, absolute 25.0 ms");
  }

  @Test
  void aHookWithNothingCapturedPassesAndIsCapturedAtItsFirstRun() {
    HookOutcome first = ran(new HookFigures("checkout", 1, 100, 10));
    assertThat(BASELINE.compare(List.of(), first)).isSameAs(first);
    assertThat(PerformanceBaseline.capture(List.of(), first))
        .containsExactlyElementsOf(first.figures());
  }

  @Test
  void laterRunsNeverReplaceTheCapturedFigures() {
    HookOutcome later = ran(new HookFigures("checkout", 25, 110, 10));
    assertThat(PerformanceBaseline.capture(CAPTURED, later)).isEqualTo(CAPTURED);
  }

  @Test
  void failedAndMissingOutcomesPassThrough() {
    HookOutcome failed = HookOutcome.fail("smoke: GET 503");
    assertThat(BASELINE.compare(CAPTURED, failed)).isSameAs(failed);
    assertThat(BASELINE.compare(CAPTURED, null)).isNull();
  }
}
