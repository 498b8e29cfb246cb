package io.theseus.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A validated analysis config: how a rollout steps its weight and judges its metrics. Built only by
 * {@link AnalysisConfigReader}, which names every invalid field.
 *
 * @param interval analysis tick period; also the {@code {{window}}} of every query
 * @param steps canary weights in percent, strictly increasing, each within 1-100, last one 100
 * @param minEvidence the least a step must observe before it may pass
 * @param stepDeadline how long a step may stay inconclusive before {@code onInconclusive} applies
 * @param alpha bound on the chance that the judge's tests fail a healthy canary in a rollout,
 *     within (0, 0.5)
 * @param onInconclusive what to do at the step deadline without a verdict
 * @param darkCanaryHeader the header that routes test traffic to the canary in DarkCanary
 * @param hooks smoke and performance hooks
 * @param metrics the metrics judged, names unique
 */
public record AnalysisConfig(
    Duration interval,
    List<Integer> steps,
    MinEvidence minEvidence,
    Duration stepDeadline,
    double alpha,
    OnInconclusive onInconclusive,
    String darkCanaryHeader,
    List<HookSpec> hooks,
    List<MetricSpec> metrics) {

  /** The steps a config gets when it does not list any. */
  public static final List<Integer> DEFAULT_STEPS = List.of(1, 5, 25, 50, 100);

  public AnalysisConfig {
    steps = List.copyOf(steps);
    hooks = List.copyOf(hooks);
    metrics = List.copyOf(metrics);
  }

  /**
   * The least time a step takes to reach its minimum ticks; a shorter {@code stepDeadline} would
   * never let a step pass.
   */
  public Duration minEvidenceTime() {
    return interval.multipliedBy(minEvidence.ticks());
  }

  /** The metric of that name, if the config has it. */
  public Optional<MetricSpec> metric(String name) {
    return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
  }
}
