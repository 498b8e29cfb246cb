package io.theseus.analysis;

import io.theseus.config.AnalysisConfig;
import io.theseus.config.MetricSpec;
import io.theseus.config.MinEvidence;
import io.theseus.config.OnInconclusive;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** Drives whole simulated rollouts through the judge, acting on its decisions like the engine. */
final class Rollouts {

  static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
  static final Duration INTERVAL = Duration.ofSeconds(30);

  private Rollouts() {}

  /** The end of a rollout: the last decision and every decision on the way. */
  record Run(Decision last, List<Decision> decisions) {
    Decision.Kind kind() {
      return last.kind();
    }

    /** The weight of the tick the last decision was taken at. */
    int weight() {
      return last.state().weight();
    }
  }

  static AnalysisConfig config(double alpha, OnInconclusive onInconclusive, MetricSpec... metrics) {
    return new AnalysisConfig(
        INTERVAL,
        AnalysisConfig.DEFAULT_STEPS,
        new MinEvidence(1000, 3),
        Duration.ofMinutes(15),
        alpha,
        onInconclusive,
        "x-theseus-canary",
        List.of(),
        List.of(metrics));
  }

  /**
   * Runs until ROLLBACK, PROMOTE or PAUSE, or {@code maxTicks}; the weight follows ADVANCE.
   *
   * @param stable the stable's behaviour at each canary weight
   * @param canary the canary's behaviour at each canary weight
   */
  static Run run(
      AnalysisConfig config,
      Traffic traffic,
      IntFunction<Traffic.Behaviour> stable,
      IntFunction<Traffic.Behaviour> canary,
      int maxTicks) {
    Judge judge = new Judge();
    JudgeState state = JudgeState.initial();
    int weight = config.steps().get(0);
    List<Decision> decisions = new ArrayList<>();
    Decision decision = null;
    for (int i = 0; i < maxTicks; i++) {
      Instant time = START.plus(INTERVAL.multipliedBy(i + 1));
      TickEvidence tick =
          restrict(config, traffic.tick(time, weight, stable.apply(weight), canary.apply(weight)));
      decision = judge.decide(config, state, tick);
      decisions.add(decision);
      state = decision.state();
      switch (decision.kind()) {
        case ADVANCE -> weight = decision.targetWeight();
        case HOLD -> {}
        default -> {
          return new Run(decision, decisions);
        }
      }
    }
    return new Run(decision, decisions);
  }

  /** Keeps only the evidence of the config's metrics, as a metrics provider would fetch. */
  static TickEvidence restrict(AnalysisConfig config, TickEvidence tick) {
    Map<String, MetricEvidence> kept = new java.util.HashMap<>();
    config.metrics().forEach(m -> kept.put(m.name(), tick.metrics().get(m.name())));
    return new TickEvidence(tick.time(), tick.weight(), kept, tick.missing());
  }
}
