package io.theseus.bench.peer.argo;

import io.theseus.analysis.Version;
import io.theseus.bench.run.Rollout;
import io.theseus.bench.sim.TickData;
import java.util.List;
import java.util.OptionalDouble;

/**
 * An Argo Rollouts AnalysisRun at a fixed 1% weight (first measurement after one interval, as with
 * {@code initialDelay: 1m}): the run takes the worst metric phase and stops on Failed, Error or
 * Inconclusive; Failed and Error abort the rollout, Inconclusive pauses it, and all metrics
 * Successful lets it proceed to promotion.
 */
public final class ArgoRollout implements Rollout {

  private final ArgoSettings settings;
  private final ArgoMetric successRate;
  private final ArgoMetric latency;

  /** A fresh AnalysisRun. */
  public ArgoRollout(ArgoSettings settings) {
    this.settings = settings;
    this.successRate = new ArgoMetric(v -> v >= settings.successMin(), null, settings.limits());
    this.latency = new ArgoMetric(v -> v <= settings.p99MaxMs(), null, settings.limits());
  }

  @Override
  public int weight() {
    return 1;
  }

  @Override
  public int maxTicks() {
    return settings.limits().count() + settings.limits().consecutiveErrorLimit() + 1;
  }

  @Override
  public Action observe(TickData tick) {
    double ratio = 1 - tick.errorRate(Version.CANARY);
    Phase a = successRate.measure(OptionalDouble.of(ratio));
    Phase b = latency.measure(OptionalDouble.of(tick.p99Ms(Version.CANARY)));
    Phase run = worst(List.of(a, b));
    return switch (run) {
      case FAILED, ERROR -> Action.ROLLBACK;
      case INCONCLUSIVE -> Action.PAUSE;
      case SUCCESSFUL -> Action.PROMOTE;
      default -> Action.CONTINUE;
    };
  }

  /** The run's phase: the worst of its metrics. */
  static Phase worst(List<Phase> phases) {
    return phases.stream().max(Enum::compareTo).orElse(Phase.SUCCESSFUL);
  }
}
