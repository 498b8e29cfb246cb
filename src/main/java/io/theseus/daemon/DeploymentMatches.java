package io.theseus.daemon;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rules pairing a rollout side's Deployment with its version, from the pod template labels of
 * the Deployments in the rollout's namespace: a version is the template's {@code spec.versionLabel}
 * label; a version's Deployment is the one whose template carries {@code versionLabel=version} and
 * every label of the Service's selector. Pure: {@link DeploymentVersions} reads the labels.
 */
final class DeploymentMatches {

  private DeploymentMatches() {}

  /**
   * What one namespace holds for one rollout.
   *
   * @param namespace the rollout's namespace
   * @param label the version label ({@code spec.versionLabel})
   * @param templates Deployment name to its pod template labels, every Deployment of {@code
   *     namespace}
   * @param finished whether the rollout ended under this spec, so its cleanup may have removed a
   *     Deployment
   */
  record Lookup(
      String namespace,
      String label,
      Map<String, Map<String, String>> templates,
      boolean finished) {}

  /**
   * What was found for one side ({@code stable} or {@code canary}): the version or Deployment its
   * spec omits, or a problem naming the field; all null when nothing was omitted.
   */
  record Side(String side, String version, String deployment, String problem) {

    static Side nothing(String side) {
      return new Side(side, null, null, null);
    }
  }

  /** The version of {@code side}, which names only its {@code deployment}. */
  static Side versionOf(Lookup at, String side, String deployment) {
    String field = "spec." + side + ".version";
    String where = "Deployment " + at.namespace() + "/" + deployment;
    Map<String, String> labels = at.templates().get(deployment);
    if (labels == null && at.finished()) {
      // Its cleanup removed the Deployment; the version no longer steers anything.
      return new Side(side, deployment + " (removed)", null, null);
    }
    if (labels == null) {
      return problem(
          side,
          "%s: omitted, and %s does not exist to read it from (create it, or name the version)"
              .formatted(field, where));
    }
    String version = labels.get(at.label());
    return version != null
        ? new Side(side, version, null, null)
        : problem(
            side,
            "%s: omitted, and the pod template of %s has no label '%s' (spec.versionLabel) to read it from"
                .formatted(field, where, at.label()));
  }

  /**
   * The Deployment of {@code side}, which names only its {@code version}: the one Deployment whose
   * pods carry {@code versionLabel=version} and match {@code selector} (the Service's; empty when
   * the Service does not exist or selects nothing, then the version label alone decides).
   */
  static Side deploymentOf(
      Lookup at, String side, String version, String service, Map<String, String> selector) {
    List<String> matching =
        at.templates().entrySet().stream()
            .filter(d -> version.equals(d.getValue().get(at.label())))
            .filter(d -> d.getValue().entrySet().containsAll(selector.entrySet()))
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    if (matching.size() == 1) {
      return new Side(side, null, matching.get(0), null);
    }
    if (matching.isEmpty() && at.finished()) {
      // Its cleanup removed the Deployment; the name no longer steers anything.
      return new Side(side, null, "(removed)", null);
    }
    String field = "spec." + side + ".deployment";
    String pods = "pods labelled " + at.label() + "=" + version + selecting(service, selector);
    return problem(
        side,
        matching.isEmpty()
            ? "%s: omitted, and no Deployment in %s has %s (create it, or name the deployment)"
                .formatted(field, at.namespace(), pods)
            : "%s: omitted, and Deployments %s in %s all have %s; set %s to the one to use"
                .formatted(field, String.join(", ", matching), at.namespace(), pods, field));
  }

  private static String selecting(String service, Map<String, String> selector) {
    return selector.isEmpty()
        ? ""
        : " matching Service " + service + "'s selector " + labels(selector);
  }

  private static String labels(Map<String, String> labels) {
    return labels.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  private static Side problem(String side, String problem) {
    return new Side(side, null, null, problem);
  }
}
