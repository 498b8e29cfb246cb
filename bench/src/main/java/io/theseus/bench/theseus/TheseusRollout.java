package io.theseus.bench.theseus;

import io.theseus.analysis.Decision;
import io.theseus.analysis.Judge;
import io.theseus.analysis.JudgeState;
import io.theseus.analysis.MetricEvidence;
import io.theseus.analysis.TickEvidence;
import io.theseus.analysis.Verdict;
import io.theseus.bench.run.Rollout;
import io.theseus.bench.sim.TickData;
import io.theseus.config.AnalysisConfig;
import io.theseus.config.MetricKind;
import io.theseus.config.MetricSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Theseus judge driving a rollout through its own steps: every window becomes a {@link
 * TickEvidence} (request counts for ratio metrics, latency buckets for histogram metrics), the
 * judge's decision moves the weight (ADVANCE), keeps it (HOLD) or ends the rollout. The schedule
 * ends after every step has used its full {@code stepDeadline}.
 */
public final class TheseusRollout implements Rollout {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final AnalysisConfig config;
  private final Judge judge = new Judge();
  private JudgeState state = JudgeState.initial();
  private int weight;
  private String cause = "";

  /** A rollout at the config's first step. */
  public TheseusRollout(AnalysisConfig config) {
    this.config = config;
    this.weight = config.steps().get(0);
  }

  @Override
  public int weight() {
    return weight;
  }

  @Override
  public int tickSeconds() {
    return (int) config.interval().toSeconds();
  }

  /** The configured step durations: every step may run until its deadline. */
  @Override
  public int maxTicks() {
    long perStep = config.stepDeadline().toSeconds() / tickSeconds();
    return (int) (perStep * config.steps().size());
  }

  @Override
  public Action observe(TickData tick) {
    Decision decision = judge.decide(config, state, evidence(tick));
    state = decision.state();
    String failed =
        decision.verdicts().stream()
            .filter(v -> v.outcome() == Verdict.Outcome.FAIL)
            .map(Verdict::metric)
            .collect(Collectors.joining("+"));
    boolean rollback = decision.kind() == Decision.Kind.ROLLBACK;
    cause = !failed.isEmpty() ? "verdict:" + failed : rollback ? "deadline" : "";
    return switch (decision.kind()) {
      case ADVANCE -> {
        weight = decision.targetWeight();
        yield Action.CONTINUE;
      }
      case HOLD -> Action.CONTINUE;
      case ROLLBACK -> Action.ROLLBACK;
      case PROMOTE -> Action.PROMOTE;
      case PAUSE -> Action.PAUSE;
    };
  }

  @Override
  public String cause() {
    return cause;
  }

  private TickEvidence evidence(TickData tick) {
    Map<String, MetricEvidence> metrics = new HashMap<>();
    for (MetricSpec spec : config.metrics()) {
      metrics.put(spec.name(), of(spec, tick));
    }
    return new TickEvidence(START.plusSeconds(tick.seconds()), tick.weight(), metrics, Map.of());
  }

  private static MetricEvidence of(MetricSpec spec, TickData tick) {
    if (spec.kind() == MetricKind.RATIO) {
      return new MetricEvidence(tick.stableRequests(), tick.canaryRequests());
    }
    if (spec.kind() == MetricKind.HISTOGRAM) {
      return new MetricEvidence(tick.stableLatency(), tick.canaryLatency());
    }
    throw new IllegalArgumentException(
        "metrics."
            + spec.name()
            + ".kind: the benchmark simulates ratio and histogram metrics only");
  }
}
