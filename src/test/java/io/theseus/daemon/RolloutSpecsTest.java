package io.theseus.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.theseus.kube.CanaryRolloutResource;
import io.theseus.rollout.CanaryRef;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutSpecsTest {

  private final RolloutSpecs specs = new RolloutSpecs(Path.of("analysis-config"));

  private static CanaryRolloutResource resource(JsonObject spec) {
    return new CanaryRolloutResource(
        new CanaryRef("shop", "shop"),
        "uid-1",
        4,
        Instant.EPOCH,
        "7",
        spec,
        new JsonObject(),
        Map.of(),
        Map.of());
  }

  private static JsonObject named(String configName) {
    JsonObject spec = ClusterRig.spec();
    spec.add("analysis", JsonParser.parseString("{\"configName\":\"" + configName + "\"}"));
    return spec;
  }

  @Test
  void mapsTheSpecWithItsStepsAndIntervalOverrides() {
    JsonObject spec = named("default");
    spec.addProperty("interval", "10s");

    RolloutPlan plan = specs.plan(resource(spec));

    assertThat(plan.spec().analysis().steps()).containsExactly(1, 20, 50, 100);
    assertThat(plan.spec().analysis().interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(plan.spec().analysis().metrics())
        .extracting(m -> m.name())
        .containsExactly("error-rate", "latency");
    assertThat(plan.spec().stable().workload()).isEqualTo("shop-v1");
    assertThat(plan.spec().canary().version()).isEqualTo("v2");
    assertThat(plan.spec().limits().progressDeadline()).isEqualTo(Duration.ofMinutes(1));
    assertThat(plan.cleanup()).isEqualTo("scale-to-zero");
    assertThat(plan.versionLabel()).isEqualTo("version");
    assertThat(plan.generation()).isEqualTo(4);
  }

  @Test
  void rejectsStepsThatDoNotEndAtOneHundred() {
    JsonObject spec = ClusterRig.spec();
    spec.add("steps", JsonParser.parseString("[1, 5, 50]"));

    assertThatThrownBy(() -> specs.plan(resource(spec)))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("spec.steps: must end with 100, got [1, 5, 50]");
  }

  @Test
  void rejectsAnIntervalWhoseMinimumEvidenceOutlastsTheStepDeadline() {
    JsonObject spec = named("default");
    spec.addProperty("interval", "6m"); // default.yaml: minEvidence.ticks 2, stepDeadline 10m

    assertThatThrownBy(() -> specs.plan(resource(spec)))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining(
            "spec.interval: is 360s: the analysis config's minEvidence.ticks (2) would outlast"
                + " its stepDeadline (600s), so no step could ever pass");
  }

  @Test
  void rejectsStepsWithNothingBelowOneHundred() {
    JsonObject spec = ClusterRig.spec();
    spec.add("steps", JsonParser.parseString("[100]"));

    assertThatThrownBy(() -> specs.plan(resource(spec)))
        .hasMessageContaining("spec.steps: has no step below 100");
  }

  @Test
  void rejectsStepsThatAreNotAscending() {
    JsonObject spec = ClusterRig.spec();
    spec.add("steps", JsonParser.parseString("[1, 50, 25, 100]"));

    assertThatThrownBy(() -> specs.plan(resource(spec)))
        .hasMessageContaining("spec.steps: must be strictly ascending");
  }

  @Test
  void namesTheInlineAnalysisFieldThatIsWrong() {
    JsonObject spec = ClusterRig.spec();
    spec.getAsJsonObject("analysis").getAsJsonObject("inline").addProperty("alpha", 0.9);

    assertThatThrownBy(() -> specs.plan(resource(spec)))
        .hasMessageContaining("spec.analysis.inline")
        .hasMessageContaining("alpha");
  }

  @Test
  void listsTheAvailableConfigsWhenTheNamedOneIsMissing() {
    assertThatThrownBy(() -> specs.plan(resource(named("nonesuch"))))
        .hasMessageContaining("spec.analysis.configName: 'nonesuch'")
        .hasMessageContaining("default, grpc, resources");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    JsonObject spec = named("nonesuch");
    spec.add("canary", JsonParser.parseString("{\"deployment\": \"shop-v1\"}"));
    spec.addProperty("progressDeadline", "soon");

    InvalidSpecException e =
        (InvalidSpecException) catchThrowable(() -> specs.plan(resource(spec)));

    assertThat(e.problems())
        .anyMatch(p -> p.startsWith("spec.analysis.configName"))
        .anyMatch(p -> p.startsWith("spec.progressDeadline"));
  }

  @Test
  void takesTheVersionsTheSpecOmitsFromWhatWasReadFromTheDeployments() {
    JsonObject spec = ClusterRig.spec();
    spec.getAsJsonObject("stable").remove("version");
    spec.getAsJsonObject("canary").remove("version");
    var read =
        new DeploymentVersions.Found(
            Map.of("stable", "1.4.0", "canary", "1.5.0"), Map.of(), List.of());

    RolloutPlan plan = specs.plan(resource(spec), read);

    assertThat(plan.spec().stable().version()).isEqualTo("1.4.0");
    assertThat(plan.spec().canary().version()).isEqualTo("1.5.0");
  }

  @Test
  void aVersionNamedInTheSpecWinsOverTheDeploymentLabel() {
    var read = new DeploymentVersions.Found(Map.of("canary", "other"), Map.of(), List.of());

    assertThat(specs.plan(resource(ClusterRig.spec()), read).spec().canary().version())
        .isEqualTo("v2");
  }

  @Test
  void reportsAnUnreadableVersionOnceUnderItsField() {
    JsonObject spec = ClusterRig.spec();
    spec.getAsJsonObject("canary").remove("version");
    String why = "spec.canary.version: omitted, and Deployment shop/shop-v2 does not exist";
    var read = new DeploymentVersions.Found(Map.of(), Map.of(), List.of(why));

    InvalidSpecException e =
        (InvalidSpecException) catchThrowable(() -> specs.plan(resource(spec), read));

    assertThat(e.problems()).containsExactly(why);
  }

  @Test
  void takesTheDeploymentsTheSpecOmitsFromWhatWasFoundByVersion() {
    JsonObject spec = ClusterRig.spec();
    spec.getAsJsonObject("stable").remove("deployment");
    spec.getAsJsonObject("canary").remove("deployment");
    var found =
        new DeploymentVersions.Found(
            Map.of(), Map.of("stable", "shop-blue", "canary", "shop-green"), List.of());

    RolloutPlan plan = specs.plan(resource(spec), found);

    assertThat(plan.spec().stable().workload()).isEqualTo("shop-blue");
    assertThat(plan.spec().canary().workload()).isEqualTo("shop-green");
    assertThat(plan.spec().canary().version()).isEqualTo("v2");
  }

  @Test
  void reportsADeploymentNotFoundOnceUnderItsField() {
    JsonObject spec = ClusterRig.spec();
    spec.getAsJsonObject("canary").remove("deployment");
    String why = "spec.canary.deployment: omitted, and no Deployment in shop has pods labelled";
    var found = new DeploymentVersions.Found(Map.of(), Map.of(), List.of(why));

    InvalidSpecException e =
        (InvalidSpecException) catchThrowable(() -> specs.plan(resource(spec), found));

    assertThat(e.problems()).containsExactly(why);
  }

  private static Throwable catchThrowable(Runnable r) {
    return org.assertj.core.api.Assertions.catchThrowable(r::run);
  }
}
