package io.theseus.daemon;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.theseus.daemon.DeploymentMatches.Lookup;
import io.theseus.daemon.DeploymentMatches.Side;
import io.theseus.kube.CanaryRolloutResource;
import io.theseus.rollout.CanaryRef;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Fills in what a CanaryRollout side omits, as the CRD promises: a side naming only its {@code
 * deployment} gets its version from the {@code spec.versionLabel} label of that Deployment's pod
 * template; a side naming only its {@code version} gets the one Deployment whose pod template
 * carries {@code versionLabel=version} and matches the Service's selector (see {@link
 * DeploymentMatches}). A pass lists the Deployments of a namespace once, however many rollouts need
 * them, and reads each Service at most once. A problem names the field (the rollout is rejected,
 * and read again on the next pass, so creating the Deployment later lets it start). What was found
 * is kept per spec generation, in memory and, once the leader accepted the plan, in {@code
 * status.resolved} ({@link ResolvedStatus}): a rollout keeps its Deployments and versions once its
 * cleanup or rollback removes one, across restarts and failovers too. The record of the current
 * generation wins over this daemon's own earlier lookup and is used without looking up again, so a
 * takeover steers exactly what its predecessor steered. A rollout that finished before the record
 * existed is not rejected when a new daemon finds a Deployment its cleanup removed. Confined to the
 * supervisor's context.
 */
final class DeploymentVersions {

  /**
   * What was found for one rollout.
   *
   * @param versions side ({@code stable}, {@code canary}) to the version read for it
   * @param deployments side to the Deployment found for it
   * @param problems why a version or Deployment could not be found, each naming its field
   */
  record Found(
      Map<String, String> versions, Map<String, String> deployments, List<String> problems) {

    /** Nothing found: the spec names every Deployment and version. */
    static final Found NONE = new Found(Map.of(), Map.of(), List.of());
  }

  private record Read(long generation, Found found) {}

  /** The reads of one pass, each made once. */
  private record Pass(
      Map<String, Future<Map<String, Map<String, String>>>> templates,
      Map<String, Future<Map<String, String>>> selectors) {}

  private static final List<String> SIDES = List.of("stable", "canary");
  private static final List<String> FINISHED = List.of("Succeeded", "RolledBack", "Failed");

  private final Function<String, Future<Map<String, Map<String, String>>>> templateLabels;
  private final BiFunction<String, String, Future<Optional<Map<String, String>>>> serviceSelector;
  private Map<CanaryRef, Read> read = new HashMap<>();

  /**
   * @param templateLabels the pod template labels of every Deployment in a namespace, by name
   * @param serviceSelector a Service's (namespace, name) pod selector, empty when it does not exist
   */
  DeploymentVersions(
      Function<String, Future<Map<String, Map<String, String>>>> templateLabels,
      BiFunction<String, String, Future<Optional<Map<String, String>>>> serviceSelector) {
    this.templateLabels = templateLabels;
    this.serviceSelector = serviceSelector;
  }

  /**
   * What each of {@code resources} needs found; fails when the Deployments or a Service could not
   * be read (an API fault: the whole pass is retried, no rollout is rejected for it).
   */
  Future<Map<CanaryRolloutResource, Found>> readAll(List<CanaryRolloutResource> resources) {
    Map<CanaryRef, Read> next = new HashMap<>();
    Pass pass = new Pass(new HashMap<>(), new HashMap<>());
    List<Future<Found>> each = new ArrayList<>();
    resources.forEach(r -> each.add(found(r, next, pass)));
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

  private Future<Found> found(
      CanaryRolloutResource resource, Map<CanaryRef, Read> next, Pass pass) {
    Optional<Read> known =
        ResolvedStatus.recorded(resource)
            .map(recorded -> new Read(resource.generation(), recorded))
            .or(() -> Optional.ofNullable(read.get(resource.ref())))
            .filter(before -> before.generation() == resource.generation());
    if (known.isPresent()) {
      next.put(resource.ref(), known.get());
      return Future.succeededFuture(known.get().found());
    }
    List<Future<Side>> sides = new ArrayList<>();
    SIDES.forEach(side -> sides.add(side(resource, side, pass)));
    return Future.all(sides)
        .map(
            done -> {
              Map<String, String> versions = new HashMap<>();
              Map<String, String> deployments = new HashMap<>();
              List<String> problems = new ArrayList<>();
              for (Side s : done.<Side>list()) {
                Optional.ofNullable(s.version()).ifPresent(v -> versions.put(s.side(), v));
                Optional.ofNullable(s.deployment()).ifPresent(d -> deployments.put(s.side(), d));
                Optional.ofNullable(s.problem()).ifPresent(problems::add);
              }
              Found found =
                  new Found(Map.copyOf(versions), Map.copyOf(deployments), List.copyOf(problems));
              if (problems.isEmpty()) {
                next.put(resource.ref(), new Read(resource.generation(), found));
              }
              return found;
            });
  }

  private Future<Side> side(CanaryRolloutResource resource, String side, Pass pass) {
    JsonObject spec = resource.spec();
    JsonObject v = spec.has(side) ? spec.getAsJsonObject(side) : new JsonObject();
    String deployment = text(v, "deployment");
    String version = text(v, "version");
    if ((deployment == null) == (version == null)) {
      // Nothing omitted, or both: the latter is the spec's own problem.
      return Future.succeededFuture(Side.nothing(side));
    }
    String namespace = resource.ref().namespace();
    String label = Optional.ofNullable(text(spec, "versionLabel")).orElse("version");
    Future<Lookup> lookup =
        pass.templates()
            .computeIfAbsent(namespace, templateLabels)
            .map(templates -> new Lookup(namespace, label, templates, finished(resource)));
    if (version == null) {
      return lookup.map(at -> DeploymentMatches.versionOf(at, side, deployment));
    }
    String service = text(spec, "service");
    Future<Map<String, String>> selector = selector(pass, namespace, service);
    return Future.all(lookup, selector)
        .map(
            both ->
                DeploymentMatches.deploymentOf(
                    both.resultAt(0), side, version, service, both.resultAt(1)));
  }

  /** The Service's selector, empty when it does not exist or names none. */
  private Future<Map<String, String>> selector(Pass pass, String namespace, String service) {
    if (service == null) {
      return Future.succeededFuture(Map.of());
    }
    return pass.selectors()
        .computeIfAbsent(
            namespace + "/" + service,
            key -> serviceSelector.apply(namespace, service).map(s -> s.orElse(Map.of())));
  }

  /**
   * Whether the rollout ended (Succeeded, RolledBack or Failed) under this spec generation, which
   * the daemon had accepted ({@code SpecValid=True}); a rejected spec is not finished.
   */
  static boolean finished(CanaryRolloutResource resource) {
    JsonElement observed = resource.status().get("observedGeneration");
    return ended(resource) && observed != null && observed.getAsLong() == resource.generation();
  }

  /**
   * Whether the rollout ended under a spec the daemon had accepted, this generation or an earlier
   * one (a finished rollout whose spec was edited afterwards).
   */
  static boolean ended(CanaryRolloutResource resource) {
    return FINISHED.contains(String.valueOf(text(resource.status(), "phase")))
        && accepted(resource);
  }

  /** Whether the daemon ran the rollout under some spec: its status has {@code SpecValid=True}. */
  static boolean accepted(CanaryRolloutResource resource) {
    JsonObject status = resource.status();
    return status.has("conditions")
        && status.getAsJsonArray("conditions").asList().stream()
            .map(JsonElement::getAsJsonObject)
            .anyMatch(c -> "SpecValid".equals(text(c, "type")) && "True".equals(text(c, "status")));
  }

  private static String text(JsonObject o, String field) {
    JsonElement e = o.get(field);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }
}
