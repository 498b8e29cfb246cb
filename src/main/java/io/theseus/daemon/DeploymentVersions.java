package io.theseus.daemon;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.theseus.kube.CanaryRolloutResource;
import io.theseus.rollout.CanaryRef;
import io.theseus.workload.WorkloadRef;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the versions a CanaryRollout omits ({@code spec.stable.version}, {@code
 * spec.canary.version}) from the {@code spec.versionLabel} label of its Deployment's pod template,
 * as the CRD promises. A missing Deployment or label is a problem naming the field (the rollout is
 * rejected, and read again on the next pass, so creating the Deployment later lets it start). What
 * was read is kept per spec generation, so a rollout keeps its versions once its stable Deployment
 * is cleaned up; a rollout that finished is not rejected when a new daemon finds a Deployment its
 * cleanup removed (the version is shown as {@code <deployment> (removed)}). Confined to the
 * supervisor's context.
 */
final class DeploymentVersions {

  /**
   * What was read for one rollout.
   *
   * @param versions side ({@code stable}, {@code canary}) to the version read for it
   * @param problems why a version could not be read, each naming its field
   */
  record Found(Map<String, String> versions, List<String> problems) {

    /** Nothing read: the spec names every version. */
    static final Found NONE = new Found(Map.of(), List.of());
  }

  private record Read(long generation, Found found) {}

  private static final List<String> SIDES = List.of("stable", "canary");
  private static final List<String> FINISHED = List.of("Succeeded", "RolledBack", "Failed");

  private final Function<WorkloadRef, Future<Optional<Map<String, String>>>> templateLabels;
  private Map<CanaryRef, Read> read = new HashMap<>();

  /**
   * @param templateLabels a Deployment's pod template labels, empty when it does not exist
   */
  DeploymentVersions(Function<WorkloadRef, Future<Optional<Map<String, String>>>> templateLabels) {
    this.templateLabels = templateLabels;
  }

  /**
   * What each of {@code resources} needs read; fails when a Deployment could not be read (an API
   * fault: the whole pass is retried, no rollout is rejected for it).
   */
  Future<Map<CanaryRolloutResource, Found>> readAll(List<CanaryRolloutResource> resources) {
    Map<CanaryRef, Read> next = new HashMap<>();
    List<Future<Found>> each = new ArrayList<>();
    resources.forEach(r -> each.add(found(r, next)));
    return Future.all(each)
        .map(
            all -> {
              read = next; // forgets deleted rollouts and older generations
              Map<CanaryRolloutResource, Found> out = new LinkedHashMap<>();
              for (int i = 0; i < resources.size(); i++) {
                out.put(resources.get(i), all.resultAt(i));
              }
              return out;
            });
  }

  private Future<Found> found(CanaryRolloutResource resource, Map<CanaryRef, Read> next) {
    Read before = read.get(resource.ref());
    if (before != null && before.generation() == resource.generation()) {
      next.put(resource.ref(), before);
      return Future.succeededFuture(before.found());
    }
    List<Future<Side>> sides = new ArrayList<>();
    SIDES.forEach(side -> sides.add(side(resource, side)));
    return Future.all(sides)
        .map(
            done -> {
              Map<String, String> versions = new HashMap<>();
              List<String> problems = new ArrayList<>();
              done.<Side>list().forEach(s -> s.into(versions, problems));
              Found found = new Found(Map.copyOf(versions), List.copyOf(problems));
              if (problems.isEmpty()) {
                next.put(resource.ref(), new Read(resource.generation(), found));
              }
              return found;
            });
  }

  /** What was read for one side: a version, a problem, or neither (nothing to read). */
  private record Side(String side, String version, String problem) {

    void into(Map<String, String> versions, List<String> problems) {
      if (version != null) {
        versions.put(side, version);
      }
      if (problem != null) {
        problems.add(problem);
      }
    }
  }

  private Future<Side> side(CanaryRolloutResource resource, String side) {
    JsonObject spec = resource.spec();
    JsonObject v = spec.has(side) ? spec.getAsJsonObject(side) : new JsonObject();
    String deployment = text(v, "deployment");
    if (text(v, "version") != null || deployment == null) {
      // Nothing to read; a missing deployment is the spec's own problem.
      return Future.succeededFuture(new Side(side, null, null));
    }
    String label = Optional.ofNullable(text(spec, "versionLabel")).orElse("version");
    return templateLabels
        .apply(new WorkloadRef(resource.ref().namespace(), deployment))
        .map(labels -> side(resource, side, deployment, label, labels));
  }

  private static Side side(
      CanaryRolloutResource resource,
      String side,
      String deployment,
      String label,
      Optional<Map<String, String>> labels) {
    String field = "spec." + side + ".version";
    String where = "Deployment " + resource.ref().namespace() + "/" + deployment;
    if (labels.isEmpty() && finished(resource)) {
      // Its cleanup removed the Deployment; the version no longer steers anything.
      return new Side(side, deployment + " (removed)", null);
    }
    if (labels.isEmpty()) {
      return new Side(
          side,
          null,
          "%s: omitted, and %s does not exist to read it from (create it, or name the version)"
              .formatted(field, where));
    }
    String version = labels.get().get(label);
    return version != null
        ? new Side(side, version, null)
        : new Side(
            side,
            null,
            "%s: omitted, and the pod template of %s has no label '%s' (spec.versionLabel) to read it from"
                .formatted(field, where, label));
  }

  /**
   * Whether the rollout ended (Succeeded, RolledBack or Failed) under this spec generation, which
   * the daemon had accepted ({@code SpecValid=True}); a rejected spec is not finished.
   */
  private static boolean finished(CanaryRolloutResource resource) {
    JsonObject status = resource.status();
    JsonElement observed = status.get("observedGeneration");
    return FINISHED.contains(String.valueOf(text(status, "phase")))
        && observed != null
        && observed.getAsLong() == resource.generation()
        && status.has("conditions")
        && status.getAsJsonArray("conditions").asList().stream()
            .map(JsonElement::getAsJsonObject)
            .anyMatch(c -> "SpecValid".equals(text(c, "type")) && "True".equals(text(c, "status")));
  }

  private static String text(JsonObject o, String field) {
    JsonElement e = o.get(field);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }
}
