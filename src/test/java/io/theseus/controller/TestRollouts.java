package io.theseus.controller;

import io.theseus.config.AnalysisConfig;
import io.theseus.config.HookSpec;
import io.theseus.config.MinEvidence;
import io.theseus.config.OnInconclusive;
import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.RolloutLimits;
import io.theseus.rollout.RolloutSpec;
import io.theseus.testing.RolloutFixtures;
import java.time.Duration;
import java.util.List;

/** Rollout specs for controller tests: shop in namespace demo, stable v1 with 3 replicas. */
final class TestRollouts {

  static final CanaryRef REF = RolloutFixtures.SHOP;
  static final Duration INTERVAL = Duration.ofSeconds(10);
  static final RolloutLimits LIMITS =
      new RolloutLimits(Duration.ofMinutes(2), Duration.ofMinutes(1), 1);

  private TestRollouts() {}

  static RolloutSpec spec(List<HookSpec> hooks) {
    return RolloutFixtures.shop("http://127.0.0.1:1", analysis(hooks), LIMITS);
  }

  static RolloutSpec spec() {
    return spec(List.of());
  }

  /** {@link #spec()} ticking every {@code interval}. */
  static RolloutSpec every(Duration interval) {
    RolloutSpec spec = spec();
    AnalysisConfig a = spec.analysis();
    return new RolloutSpec(
        spec.ref(),
        spec.service(),
        spec.stable(),
        spec.canary(),
        new AnalysisConfig(
            interval,
            a.steps(),
            a.minEvidence(),
            a.stepDeadline(),
            a.alpha(),
            a.onInconclusive(),
            a.darkCanaryHeader(),
            a.hooks(),
            a.metrics()),
        spec.limits());
  }

  static AnalysisConfig analysis(List<HookSpec> hooks) {
    return new AnalysisConfig(
        INTERVAL,
        List.of(1, 5, 25, 50, 100),
        new MinEvidence(1, 1),
        Duration.ofMinutes(1),
        0.01,
        OnInconclusive.ROLLBACK,
        "x-theseus-canary",
        hooks,
        List.of(RolloutFixtures.errorRate(true)));
  }
}
