package io.theseus.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.theseus.kube.CanaryRolloutResource;
import io.theseus.rollout.CanaryRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutSpecsTest {

  private final RolloutSpecs specs = new RolloutSpecs(Path.of("analysis-config"));

  private static CanaryRolloutResource resource(JsonObject spec) {
    return new CanaryRolloutResource(
        new CanaryRef("shop", "shop"), "uid-1", 4, "7", spec, new JsonObject(), Map.of(), Map.of());
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

  private static Throwable catchThrowable(Runnable r) {
    return org.assertj.core.api.Assertions.catchThrowable(r::run);
  }
}
