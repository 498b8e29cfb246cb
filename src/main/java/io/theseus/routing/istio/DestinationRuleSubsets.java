package io.theseus.routing.istio;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.theseus.routing.RouteTarget;

/**
 * Pure mapping between a rollout's versions and a DestinationRule's {@code stable} and {@code
 * canary} subsets, which select pods by the version label. Other subsets and the traffic policy of
 * an adopted DestinationRule are left as they are.
 */
public final class DestinationRuleSubsets {

  /** Subset of the stable version's pods. */
  public static final String STABLE = "stable";

  /** Subset of the canary's pods. */
  public static final String CANARY = "canary";

  private DestinationRuleSubsets() {}

  /** True when the DestinationRule's host is the target's Service. */
  public static boolean servesHost(JsonObject rule, RouteTarget target) {
    JsonObject spec = rule.getAsJsonObject("spec");
    return spec != null
        && spec.has("host")
        && ServiceHost.matches(spec.get("host").getAsString(), target);
  }

  /** A new DestinationRule for the target's host with both subsets. */
  public static JsonObject create(RouteTarget target, String versionLabel) {
    var spec = new JsonObject();
    spec.addProperty("host", target.service());
    spec.add("subsets", both(target, versionLabel));
    return IstioObjects.newObject("DestinationRule", target, spec);
  }

  /**
   * A new DestinationRule whose two subsets both select the stable's version: routes may name the
   * canary subset at once, yet it reaches no canary pod until {@link #patch} relabels it.
   */
  public static JsonObject createOnStable(RouteTarget target, String versionLabel) {
    return create(onStable(target), versionLabel);
  }

  /**
   * The patch that makes {@code rule}'s {@code stable} and {@code canary} subsets select the
   * target's versions; empty when they already do. Each changed subset is guarded by a test op on
   * its current value.
   */
  public static JsonPatch patch(JsonObject rule, RouteTarget target, String versionLabel) {
    return plan(rule, target, versionLabel, true);
  }

  /**
   * The patch that makes {@code rule}'s {@code stable} subset select the stable's version, adding a
   * missing {@code canary} subset that selects it too; an existing canary subset is left as it is,
   * since it may still carry traffic until the weights are reset.
   */
  public static JsonPatch patchStable(JsonObject rule, RouteTarget target, String versionLabel) {
    return plan(rule, onStable(target), versionLabel, false);
  }

  private static JsonPatch plan(
      JsonObject rule, RouteTarget target, String versionLabel, boolean relabelCanary) {
    JsonArray subsets = IstioObjects.array(rule.getAsJsonObject("spec"), "subsets");
    var patch = new JsonPatch();
    if (subsets == null) {
      return patch.add("/spec/subsets", both(target, versionLabel));
    }
    ensure(patch, subsets, subset(STABLE, versionLabel, target.stableVersion()), true);
    ensure(patch, subsets, subset(CANARY, versionLabel, target.canaryVersion()), relabelCanary);
    return patch;
  }

  private static void ensure(
      JsonPatch patch, JsonArray subsets, JsonObject wanted, boolean relabel) {
    String name = wanted.get("name").getAsString();
    int index = IstioObjects.indexOfNamed(subsets, name);
    if (index < 0) {
      patch.add("/spec/subsets/-", wanted);
      return;
    }
    JsonObject current = subsets.get(index).getAsJsonObject();
    if (relabel && !wanted.get("labels").equals(current.get("labels"))) {
      String path = "/spec/subsets/" + index;
      patch.test(path, current).add(path + "/labels", wanted.get("labels"));
    }
  }

  private static JsonArray both(RouteTarget target, String versionLabel) {
    var subsets = new JsonArray();
    subsets.add(subset(STABLE, versionLabel, target.stableVersion()));
    subsets.add(subset(CANARY, versionLabel, target.canaryVersion()));
    return subsets;
  }

  /** The target with its canary subset selecting the stable's version. */
  private static RouteTarget onStable(RouteTarget target) {
    return new RouteTarget(
        target.namespace(),
        target.service(),
        target.stableVersion(),
        target.stableVersion(),
        target.darkCanaryHeader(),
        target.darkCanaryValue());
  }

  private static JsonObject subset(String name, String versionLabel, String version) {
    var labels = new JsonObject();
    labels.addProperty(versionLabel, version);
    var subset = new JsonObject();
    subset.addProperty("name", name);
    subset.add("labels", labels);
    return subset;
  }
}
