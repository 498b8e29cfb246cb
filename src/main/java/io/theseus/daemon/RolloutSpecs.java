package io.theseus.daemon;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.theseus.config.AnalysisConfig;
import io.theseus.config.AnalysisConfigReader;
import io.theseus.config.Durations;
import io.theseus.config.InvalidConfigException;
import io.theseus.kube.CanaryRolloutResource;
import io.theseus.rollout.RolloutLimits;
import io.theseus.rollout.RolloutSpec;
import io.theseus.rollout.ServiceSpec;
import io.theseus.rollout.VersionSpec;
import io.theseus.yaml.AnalysisConfigFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a CanaryRollout's spec into a {@link RolloutPlan}, checking what the CRD schema cannot:
 * steps strictly ascending and ending at 100, the analysis config (a file of the mounted ConfigMap
 * directory, or inline) valid, durations readable. Every problem names its field. Loading a named
 * config reads a file: call off the event loop.
 */
public final class RolloutSpecs {

  private static final Pattern CONFIG_NAME = Pattern.compile("[a-z0-9]([-a-z0-9_.]*[a-z0-9])?");

  private final Path analysisConfigDir;

  /**
   * @param analysisConfigDir where the analysis-config ConfigMap is mounted ({@code
   *     THESEUS_ANALYSIS_CONFIG_DIR})
   */
  public RolloutSpecs(Path analysisConfigDir) {
    this.analysisConfigDir = analysisConfigDir;
  }

  /**
   * The plan of each rollout of {@code found}, or the {@link InvalidSpecException} listing why it
   * has none.
   */
  Map<CanaryRolloutResource, Object> plans(
      Map<CanaryRolloutResource, DeploymentVersions.Found> found) {
    Map<CanaryRolloutResource, Object> plans = new HashMap<>();
    found.forEach(
        (resource, read) -> {
          try {
            plans.put(resource, plan(resource, read));
          } catch (InvalidSpecException e) {
            plans.put(resource, e);
          }
        });
    return plans;
  }

  /**
   * The plan of {@code resource}, whose spec names every version.
   *
   * @throws InvalidSpecException listing every problem, each naming its field
   */
  public RolloutPlan plan(CanaryRolloutResource resource) {
    return plan(resource, DeploymentVersions.Found.NONE);
  }

  /**
   * The plan of {@code resource}, taking the Deployments and versions its spec omits from {@code
   * read}.
   *
   * @throws InvalidSpecException listing every problem (those of {@code read} first), each naming
   *     its field
   */
  RolloutPlan plan(CanaryRolloutResource resource, DeploymentVersions.Found read) {
    JsonObject spec = resource.spec();
    List<String> problems = new ArrayList<>(read.problems());
    AnalysisConfig analysis = tuned(spec, analysis(spec, problems), problems);
    Duration progress = duration(spec, "progressDeadline", "10m", problems);
    Duration outage = duration(spec, "metricsOutageDeadline", "5m", problems);
    String service = text(spec, "service");
    RolloutSpec rollout =
        new RolloutSpec(
            resource.ref(),
            new ServiceSpec(service, "http://" + service + "." + resource.ref().namespace()),
            version(spec, "stable", read),
            version(spec, "canary", read),
            analysis,
            new RolloutLimits(progress, outage, integer(spec, "minReplicas", 1)));
    String cleanup = text(spec, "cleanup", "delete");
    if (!cleanup.equals("delete") && !cleanup.equals("scale-to-zero")) {
      problems.add("spec.cleanup: '" + cleanup + "' is not allowed (delete, scale-to-zero)");
    }
    if (analysis != null) {
      rollout.problems().stream().filter(p -> !namesAFieldOf(problems, p)).forEach(problems::add);
    }
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
    return new RolloutPlan(
        rollout,
        text(spec, "versionLabel", "version"),
        cleanup,
        resource.generation(),
        resource.uid());
  }

  private AnalysisConfig analysis(JsonObject spec, List<String> problems) {
    JsonObject a = spec.has("analysis") ? spec.getAsJsonObject("analysis") : new JsonObject();
    try {
      if (a.has("inline") && !a.has("configName")) {
        return AnalysisConfigFiles.parse("spec.analysis.inline", a.get("inline").toString());
      }
      if (a.has("configName") && !a.has("inline")) {
        return named(a.get("configName").getAsString());
      }
      problems.add("spec.analysis: name exactly one of configName and inline");
    } catch (InvalidConfigException e) {
      e.problems().forEach(p -> problems.add(p.toString()));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    return null;
  }

  private AnalysisConfig named(String name) {
    Path file = analysisConfigDir.resolve(name + ".yaml");
    if (!CONFIG_NAME.matcher(name).matches() || !Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "spec.analysis.configName: '"
              + name
              + "' is not a file of the analysis-config directory "
              + analysisConfigDir
              + " (allowed: "
              + available()
              + ")");
    }
    return AnalysisConfigFiles.load(file);
  }

  private String available() {
    try (var files = Files.list(analysisConfigDir)) {
      return String.join(
          ", ",
          files
              .map(p -> p.getFileName().toString())
              .filter(f -> f.endsWith(".yaml"))
              .map(f -> f.substring(0, f.length() - ".yaml".length()))
              .sorted()
              .toList());
    } catch (java.io.IOException e) {
      return "none: the directory cannot be read";
    }
  }

  /** The config with the CR's steps and interval overrides applied; null stays null. */
  private static AnalysisConfig tuned(JsonObject spec, AnalysisConfig c, List<String> problems) {
    List<Integer> steps = steps(spec, problems).orElse(c == null ? null : c.steps());
    Duration interval = spec.has("interval") ? duration(spec, "interval", "30s", problems) : null;
    if (c == null) {
      return null;
    }
    AnalysisConfig tuned =
        new AnalysisConfig(
            interval == null ? c.interval() : interval,
            steps,
            c.minEvidence(),
            c.stepDeadline(),
            c.alpha(),
            c.onInconclusive(),
            darkCanaryHeader(spec, c.darkCanaryHeader()),
            c.hooks(),
            c.metrics());
    if (interval != null && tuned.minEvidenceTime().compareTo(c.stepDeadline()) > 0) {
      problems.add(
          "spec.interval: is "
              + Durations.format(interval)
              + ": the analysis config's minEvidence.ticks ("
              + c.minEvidence().ticks()
              + ") would outlast its stepDeadline ("
              + Durations.format(c.stepDeadline())
              + "), so no step could ever pass");
    }
    return tuned;
  }

  private static Optional<List<Integer>> steps(JsonObject spec, List<String> problems) {
    if (!spec.has("steps")) {
      return Optional.empty();
    }
    List<Integer> steps = new ArrayList<>();
    spec.getAsJsonArray("steps").forEach(e -> steps.add(e.getAsInt()));
    for (int i = 1; i < steps.size(); i++) {
      if (steps.get(i) <= steps.get(i - 1)) {
        problems.add("spec.steps: must be strictly ascending, got " + steps);
        return Optional.of(steps);
      }
    }
    if (steps.isEmpty() || steps.get(steps.size() - 1) != 100) {
      problems.add("spec.steps: must end with 100, got " + steps);
    } else if (steps.size() == 1) {
      problems.add("spec.steps: " + AnalysisConfigReader.NO_STEP_BELOW_100);
    }
    return Optional.of(steps);
  }

  private static String darkCanaryHeader(JsonObject spec, String fallback) {
    JsonObject dark = spec.has("darkCanary") ? spec.getAsJsonObject("darkCanary") : null;
    return dark == null ? fallback : text(dark, "header", fallback);
  }

  private static VersionSpec version(JsonObject spec, String side, DeploymentVersions.Found read) {
    JsonObject v = spec.has(side) ? spec.getAsJsonObject(side) : new JsonObject();
    return new VersionSpec(
        text(v, "deployment", read.deployments().get(side)),
        text(v, "version", read.versions().get(side)));
  }

  /**
   * Whether {@code problem}'s field is already explained (a Deployment or version that could not be
   * found).
   */
  private static boolean namesAFieldOf(List<String> problems, String problem) {
    String field = problem.substring(0, problem.indexOf(':') + 1);
    return problems.stream().anyMatch(p -> p.startsWith(field));
  }

  private static Duration duration(
      JsonObject spec, String field, String fallback, List<String> problems) {
    String value = text(spec, field, fallback);
    Optional<Duration> parsed = Durations.parse(value);
    if (parsed.isEmpty() || parsed.get().isZero()) {
      problems.add("spec." + field + ": '" + value + "' is not a positive duration (e.g. 30s, 5m)");
      return Duration.parse("PT" + fallback.toUpperCase(java.util.Locale.ROOT));
    }
    return parsed.get();
  }

  private static int integer(JsonObject spec, String field, int fallback) {
    return spec.has(field) ? spec.get(field).getAsInt() : fallback;
  }

  private static String text(JsonObject o, String field) {
    return text(o, field, null);
  }

  private static String text(JsonObject o, String field, String fallback) {
    JsonElement e = o.get(field);
    return e == null || e.isJsonNull() ? fallback : e.getAsString();
  }
}
