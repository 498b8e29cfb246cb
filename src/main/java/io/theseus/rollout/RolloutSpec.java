package io.theseus.rollout;

import io.theseus.config.AnalysisConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * What a rollout is asked to do: move {@code service} from the stable to the canary version under
 * {@code analysis}.
 *
 * @param ref the rollout's namespace and name
 * @param service the service whose traffic is split
 * @param stable the running version
 * @param canary the candidate version
 * @param analysis steps, interval, metrics and hooks
 * @param limits deadlines and the stable floor while promoting
 */
public record RolloutSpec(
    CanaryRef ref,
    ServiceSpec service,
    VersionSpec stable,
    VersionSpec canary,
    AnalysisConfig analysis,
    RolloutLimits limits) {

  /**
   * The problems that make this spec unusable, one line each naming the field; empty when valid.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    blank(problems, "spec.service.name", service.name());
    blank(problems, "spec.stable.deployment", stable.workload());
    blank(problems, "spec.stable.version", stable.version());
    blank(problems, "spec.canary.deployment", canary.workload());
    blank(problems, "spec.canary.version", canary.version());
    if (stable.workload() != null && stable.workload().equals(canary.workload())) {
      problems.add("spec.canary.deployment: must differ from spec.stable.deployment");
    }
    if (stable.version() != null && stable.version().equals(canary.version())) {
      problems.add("spec.canary.version: must differ from spec.stable.version");
    }
    if (limits.minReplicas() < 1) {
      problems.add("spec.minReplicas: must be at least 1, got " + limits.minReplicas());
    }
    if (analysis.steps().isEmpty() || analysis.steps().get(analysis.steps().size() - 1) != 100) {
      problems.add("analysis.steps: must end with 100, got " + analysis.steps());
    }
    return problems;
  }

  private static void blank(List<String> problems, String field, String value) {
    if (value == null || value.isBlank()) {
      problems.add(field + ": must not be blank");
    }
  }
}
