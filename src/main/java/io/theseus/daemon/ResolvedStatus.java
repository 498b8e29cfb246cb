package io.theseus.daemon;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.theseus.kube.CanaryRolloutResource;
import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.VersionSpec;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code status.resolved} of a CanaryRollout: the Deployments and versions a running rollout uses
 * when its spec omits some, recorded once per spec generation ({@code {generation, stable:
 * {deployment, version}, canary: {deployment, version}}}, all four values). What was looked up is
 * otherwise kept in memory only, and a cleanup or rollback removes the Deployment it was found
 * from: a daemon that takes over (restart, failover) between that removal and the final phase would
 * no longer find it and reject the rollout, leaving it stuck. With the record, the new daemon uses
 * exactly what its predecessor steered. A spec edit bumps the generation, so the record no longer
 * applies and the next pass looks up afresh. Confined to the supervisor's context.
 */
final class ResolvedStatus {

  private static final Logger LOG = LoggerFactory.getLogger(ResolvedStatus.class);
  private static final String FIELD = "resolved";
  private static final List<String> SIDES = List.of("stable", "canary");

  private final BiFunction<CanaryRef, Function<CanaryRolloutResource, JsonObject>, Future<?>>
      updateStatus;

  /**
   * What was written (or is being written) per rollout, so a pass does not write it again before
   * the informer's cache shows it. Concurrent: a write's outcome may arrive off the context.
   */
  private final Map<CanaryRef, JsonObject> written = new ConcurrentHashMap<>();

  /**
   * @param updateStatus replaces a CanaryRollout's status with {@code next(current resource)} (a
   *     read-mutate-write retried on conflicts)
   */
  ResolvedStatus(
      BiFunction<CanaryRef, Function<CanaryRolloutResource, JsonObject>, Future<?>> updateStatus) {
    this.updateStatus = updateStatus;
  }

  /**
   * What {@code resource}'s status records for its current spec generation; empty when it records
   * nothing or records an older generation.
   */
  static Optional<DeploymentVersions.Found> recorded(CanaryRolloutResource resource) {
    JsonElement r = resource.status().get(FIELD);
    if (r == null || !r.isJsonObject() || !current(r.getAsJsonObject(), resource)) {
      return Optional.empty();
    }
    Map<String, String> versions = new HashMap<>();
    Map<String, String> deployments = new HashMap<>();
    for (String side : SIDES) {
      JsonElement s = r.getAsJsonObject().get(side);
      if (s != null && s.isJsonObject()) {
        text(s.getAsJsonObject(), "version").ifPresent(v -> versions.put(side, v));
        text(s.getAsJsonObject(), "deployment").ifPresent(d -> deployments.put(side, d));
      }
    }
    return Optional.of(
        new DeploymentVersions.Found(Map.copyOf(versions), Map.copyOf(deployments), List.of()));
  }

  /**
   * Records what {@code plan} uses unless nothing was looked up (the spec names all four values),
   * the rollout finished (its cleanup may have left a placeholder, and nothing is left to steer) or
   * the status already holds it (or a write of it is in flight). Call only while leading.
   *
   * @return false when the write failed: the caller runs another pass soon, since the window this
   *     record closes opens as soon as the rollout's cleanup can run
   */
  Future<Boolean> record(CanaryRolloutResource resource, RolloutPlan plan) {
    JsonObject wanted = json(plan);
    CanaryRef ref = resource.ref();
    if (!omitsSome(resource)
        || DeploymentVersions.finished(resource)
        || wanted.equals(resource.status().get(FIELD))
        || wanted.equals(written.get(ref))) {
      return Future.succeededFuture(true);
    }
    written.put(ref, wanted);
    return updateStatus
        .apply(ref, current -> with(current, wanted))
        .map(
            status -> {
              LOG.info("{}: recorded status.resolved {}", ref, wanted);
              return true;
            })
        .otherwise(
            e -> {
              written.remove(ref, wanted);
              LOG.warn("{}: recording status.resolved failed: {}", ref, e.getMessage());
              return false;
            });
  }

  /** Forgets rollouts no longer listed (deleted), or all of them when leadership is lost. */
  void retain(Set<CanaryRef> listed) {
    written.keySet().retainAll(listed);
  }

  /** The status with {@code wanted}, unless the spec changed since the plan was made. */
  private static JsonObject with(CanaryRolloutResource current, JsonObject wanted) {
    JsonObject status = current.status().deepCopy();
    if (current(wanted, current)) {
      status.add(FIELD, wanted.deepCopy());
    }
    return status;
  }

  private static JsonObject json(RolloutPlan plan) {
    JsonObject r = new JsonObject();
    r.addProperty("generation", plan.generation());
    r.add("stable", side(plan.spec().stable()));
    r.add("canary", side(plan.spec().canary()));
    return r;
  }

  private static JsonObject side(VersionSpec version) {
    JsonObject s = new JsonObject();
    s.addProperty("deployment", version.workload());
    s.addProperty("version", version.version());
    return s;
  }

  private static boolean current(JsonObject resolved, CanaryRolloutResource resource) {
    JsonElement generation = resolved.get("generation");
    return generation != null
        && generation.isJsonPrimitive()
        && generation.getAsJsonPrimitive().isNumber()
        && generation.getAsLong() == resource.generation();
  }

  private static boolean omitsSome(CanaryRolloutResource resource) {
    JsonObject spec = resource.spec();
    return SIDES.stream()
        .map(side -> spec.has(side) ? spec.getAsJsonObject(side) : new JsonObject())
        .anyMatch(s -> text(s, "deployment").isEmpty() || text(s, "version").isEmpty());
  }

  private static Optional<String> text(JsonObject o, String field) {
    JsonElement e = o.get(field);
    return e == null || e.isJsonNull() ? Optional.empty() : Optional.of(e.getAsString());
  }
}
