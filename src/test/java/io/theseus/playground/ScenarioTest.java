package io.theseus.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTest {

  private static final Duration ANY_TIME = Duration.ofMinutes(5);

  @Test
  void healthyCanaryBehavesLikeStableAtEveryWeight() {
    Scenario healthy = Scenario.named("healthy");
    for (int weight : List.of(0, 1, 5, 25, 50, 100)) {
      assertThat(healthy.canary().behaviourAt(weight, ANY_TIME))
          .isEqualTo(healthy.stable().behaviourAt(weight, ANY_TIME))
          .isEqualTo(new VersionBehaviour(20, 0.35, 0.01, 4, 0.001));
    }
  }

  @Test
  void latencyRegressionAppearsOnlyFromTwentyFivePercent() {
    Scenario scenario = Scenario.named("latency-regression");

    assertThat(scenario.canary().behaviourAt(24, ANY_TIME)).isEqualTo(Scenario.BASELINE);
    VersionBehaviour at25 = scenario.canary().behaviourAt(25, ANY_TIME);
    assertThat(at25.medianMs()).isEqualTo(32.0, within(1e-9));
    assertThat(at25.tailProbability()).isEqualTo(0.05);
    assertThat(scenario.stable().behaviourAt(100, ANY_TIME)).isEqualTo(Scenario.BASELINE);
  }

  @Test
  void errorSpikeAppearsFromFivePercent() {
    Scenario scenario = Scenario.named("error-spike");

    assertThat(scenario.canary().behaviourAt(1, ANY_TIME).errorRate()).isEqualTo(0.001);
    assertThat(scenario.canary().behaviourAt(5, ANY_TIME).errorRate()).isEqualTo(0.05);
    assertThat(scenario.canary().behaviourAt(5, ANY_TIME).medianMs()).isEqualTo(20.0);
  }

  @Test
  void appliesTimeShiftsOnceTheUptimeIsReachedAndTheLastMatchingShiftWins() {
    var late = Scenario.BASELINE.withErrorRate(0.2);
    var heavyAndLate = Scenario.BASELINE.withErrorRate(0.9);
    var profile =
        new VersionProfile(
            Scenario.BASELINE,
            List.of(
                BehaviourShift.after(Duration.ofSeconds(30), late),
                new BehaviourShift(50, Duration.ofSeconds(30), heavyAndLate)));

    assertThat(profile.behaviourAt(100, Duration.ofSeconds(29))).isEqualTo(Scenario.BASELINE);
    assertThat(profile.behaviourAt(10, Duration.ofSeconds(30))).isEqualTo(late);
    assertThat(profile.behaviourAt(50, Duration.ofSeconds(31))).isEqualTo(heavyAndLate);
  }

  @Test
  void knowsExactlyTheThreeDemoScenarios() {
    assertThat(Scenario.NAMES).containsExactly("healthy", "latency-regression", "error-spike");
    assertThat(Scenario.NAMES).allSatisfy(n -> assertThat(Scenario.named(n).name()).isEqualTo(n));
  }

  @Test
  void rejectsAnUnknownScenarioListingTheAllowedNames() {
    assertThatThrownBy(() -> Scenario.named("slow"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scenario: unknown 'slow' (allowed: healthy, latency-regression, error-spike)");
  }

  @Test
  void rejectsAShiftWeightOutsideZeroToHundred() {
    assertThatThrownBy(() -> BehaviourShift.atWeight(101, Scenario.BASELINE))
        .hasMessage("shift.fromCanaryWeight: 101 is out of range (allowed: 0-100)");
  }
}
