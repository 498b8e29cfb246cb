package io.theseus.controller;

import io.theseus.config.AnalysisConfig;
import io.theseus.config.Direction;
import io.theseus.config.HookSpec;
import io.theseus.config.MetricKind;
import io.theseus.config.MetricSpec;
import io.theseus.config.MinEvidence;
import io.theseus.config.OnInconclusive;
import io.theseus.config.Tolerance;
import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.RolloutLimits;
import io.theseus.rollout.RolloutSpec;
import io.theseus.rollout.ServiceSpec;
import io.theseus.rollout.VersionSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Rollout specs for controller tests: shop in namespace demo, stable v1 with 3 replicas. */
final class TestRollouts {

  static final CanaryRef REF = new CanaryRef("demo", "shop");
  static final Duration INTERVAL = Duration.ofSeconds(10);
  static final RolloutLimits LIMITS =
      new RolloutLimits(Duration.ofMinutes(2), Duration.ofMinutes(1), 1);

  private TestRollouts() {}

  static RolloutSpec spec(List<HookSpec> hooks) {
    return new RolloutSpec(
        REF,
        new ServiceSpec("shop", "http://127.0.0.1:1"),
        new VersionSpec("shop-v1", "v1"),
        new VersionSpec("shop-v2", "v2"),
        analysis(hooks),
        LIMITS);
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
    MetricSpec errorRate =
        new MetricSpec(
            "error-rate",
            MetricKind.RATIO,
            Map.of("total", "t", "errors", "e"),
            Direction.INCREASE,
            new Tolerance(0.5, 0.002),
            true,
            1,
            0.99);
    return new AnalysisConfig(
        INTERVAL,
        List.of(1, 5, 25, 50, 100),
        new MinEvidence(1, 1),
        Duration.ofMinutes(1),
        0.01,
        OnInconclusive.ROLLBACK,
        "x-theseus-canary",
        hooks,
        List.of(errorRate));
  }
}
