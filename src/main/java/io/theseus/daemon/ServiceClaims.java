package io.theseus.daemon;

import com.google.gson.JsonElement;
import io.theseus.kube.CanaryRolloutResource;
import io.theseus.rollout.CanaryRef;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One rollout at a time per Service: two CanaryRollouts on one Service would share its stable and
 * canary subsets and its routes and undo each other's steps. Of the rollouts that may act on a
 * Service (not ended), the one already running holds it (this daemon runs it, or its status says a
 * daemon accepted its spec); otherwise the oldest, by creationTimestamp, then name. The others wait
 * untouched until it ends.
 */
final class ServiceClaims {

  private ServiceClaims() {}

  /**
   * For each rollout that must wait, the rollout holding its Service. Only rollouts that would act
   * contend: not ended, and with a plan or a running controller.
   *
   * @param plans each rollout's plan, or why it has none
   * @param running whether this daemon runs a rollout's controller
   */
  static Map<CanaryRef, CanaryRef> waiting(
      Map<CanaryRolloutResource, Object> plans, Predicate<CanaryRef> running) {
    List<CanaryRolloutResource> contenders =
        plans.entrySet().stream()
            .filter(e -> e.getValue() instanceof RolloutPlan || running.test(e.getKey().ref()))
            .map(Map.Entry::getKey)
            .filter(r -> !DeploymentVersions.ended(r))
            .toList();
    Comparator<CanaryRolloutResource> claim =
        Comparator.<CanaryRolloutResource, Boolean>comparing(
                r -> !(running.test(r.ref()) || DeploymentVersions.accepted(r)))
            .thenComparing(CanaryRolloutResource::created)
            .thenComparing(r -> r.ref().name());
    Map<CanaryRef, CanaryRef> waiting = new HashMap<>();
    contenders.stream()
        .filter(r -> service(r) != null)
        .collect(Collectors.groupingBy(r -> r.ref().namespace() + "/" + service(r)))
        .values()
        .forEach(
            same -> {
              List<CanaryRolloutResource> ordered = same.stream().sorted(claim).toList();
              ordered.stream().skip(1).forEach(r -> waiting.put(r.ref(), ordered.get(0).ref()));
            });
    return waiting;
  }

  /** Why {@code waiting} does not start, naming the field and the rollout it waits for. */
  static InvalidSpecException problem(CanaryRolloutResource waiting, CanaryRef holder) {
    return new InvalidSpecException(
        List.of(
            ("spec.service: Service '%s' is being rolled out by CanaryRollout %s; this rollout"
                    + " waits, untouched, and starts when that one ends (or is deleted)")
                .formatted(service(waiting), holder.name())));
  }

  private static String service(CanaryRolloutResource r) {
    JsonElement s = r.spec().get("service");
    return s == null || s.isJsonNull() ? null : s.getAsString();
  }
}
