package io.theseus.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.theseus.kube.schema.StructuralSchema;
import io.theseus.kube.schema.UpstreamSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CanaryRollout CRD's schema accepts the example and rejects malformed specs by field. */
class CanaryRolloutCrdTest {

  private static final StructuralSchema SCHEMA = UpstreamSchemas.canaryRollout();

  private static final String VALID =
      """
      apiVersion: theseus.io/v1alpha1
      kind: CanaryRollout
      metadata: {name: checkout, namespace: shop}
      spec:
        service: checkout
        stable: {deployment: checkout-v1}
        canary: {deployment: checkout-v2, version: v2}
        analysis: {configName: default}
      """;

  @Test
  void acceptsTheShippedExample() throws Exception {
    String example = Files.readString(Path.of("deploy/examples/checkout-rollout.yaml"));

    assertThat(SCHEMA.problems(example)).isEmpty();
  }

  @Test
  void acceptsAMinimalSpecAndAnInlineAnalysis() {
    assertThat(SCHEMA.problems(VALID)).isEmpty();
    assertThat(
            SCHEMA.problems(
                VALID.replace(
                    "analysis: {configName: default}",
                    "analysis: {inline: {kind: AnalysisConfig, metrics: [{name: e}]}}")))
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          service: checkout                 | service: Checkout_Svc        | spec.service: 'Checkout_Svc' does not match
          service: checkout                 | service: ''                  | spec.service: is shorter than 1 characters
          'analysis: {configName: default}' | 'analysis: {}'               | spec.analysis: matches 0 of oneOf
          'analysis: {configName: default}' | 'analysis: {configName: default, inline: {}}' | spec.analysis: matches 2 of oneOf
          'stable: {deployment: checkout-v1}' | 'stable: {}'               | spec.stable: matches none of anyOf
          'stable: {deployment: checkout-v1}' | 'stable: {deployment: Checkout}' | spec.stable.deployment: 'Checkout' does not match
          'stable: {deployment: checkout-v1}' | 'stable: {deploymnet: checkout-v1}' | spec.stable.deploymnet: unknown field
          service: checkout                 | 'service: checkout\\n  cleanup: archive' | spec.cleanup: "archive" is not one of ["delete","scale-to-zero"]
          service: checkout                 | 'service: checkout\\n  steps: [0, 50, 100]' | spec.steps[0]: 0 is below the minimum 1
          service: checkout                 | 'service: checkout\\n  steps: [1, 101]' | spec.steps[1]: 101 is above the maximum 100
          service: checkout                 | 'service: checkout\\n  steps: [100]' | spec.steps: has 1 items, fewer than minItems 2
          service: checkout                 | 'service: checkout\\n  interval: 30 seconds' | spec.interval: '30 seconds' does not match
          service: checkout                 | 'service: checkout\\n  progressDeadline: 10' | spec.progressDeadline: must be of type string
          service: checkout                 | 'service: checkout\\n  minReplicas: 0' | spec.minReplicas: 0 is below the minimum 1
          service: checkout                 | 'service: checkout\\n  darkCanary: {header: X-Canary}' | spec.darkCanary.header: 'X-Canary' does not match
          """)
  void rejectsAMalformedSpecNamingTheField(String from, String to, String problem) {
    String bad = VALID.replace(from, to.replace("\\n", "\n"));

    assertThat(SCHEMA.problems(bad)).as(bad).anySatisfy(p -> assertThat(p).startsWith(problem));
  }

  @Test
  void everySchemaNodeDeclaresItsTypeAsAStructuralSchemaMust() throws Exception {
    JsonNode schema =
        new ObjectMapper(new YAMLFactory())
            .readTree(Path.of("deploy/crd/canaryrollouts.theseus.io.yaml").toFile())
            .at("/spec/versions/0/schema/openAPIV3Schema");
    var untyped = new ArrayList<String>();

    collectUntyped(schema, "openAPIV3Schema", untyped);

    assertThat(untyped).as("schema nodes without a type").isEmpty();
  }

  /**
   * kube-apiserver refuses a CRD whose property or items schemas lack a type, unless they are
   * int-or-string or keep unknown fields (any JSON value).
   */
  private static void collectUntyped(JsonNode node, String path, List<String> untyped) {
    if (!node.has("type")
        && !node.path("x-kubernetes-int-or-string").asBoolean(false)
        && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      untyped.add(path);
    }
    node.path("properties")
        .fields()
        .forEachRemaining(f -> collectUntyped(f.getValue(), path + "." + f.getKey(), untyped));
    if (node.has("items")) {
      collectUntyped(node.get("items"), path + "[]", untyped);
    }
    if (node.path("additionalProperties").isObject()) {
      collectUntyped(node.get("additionalProperties"), path + ".*", untyped);
    }
  }

  @Test
  void rejectsASpecWithoutItsRequiredFields() {
    List<String> problems = SCHEMA.problems("{\"apiVersion\":\"theseus.io/v1alpha1\",\"spec\":{}}");

    assertThat(problems)
        .contains(
            "spec.service: is required",
            "spec.stable: is required",
            "spec.canary: is required",
            "spec.analysis: is required");
  }

  @Test
  void keepsLooselyTypedStatusEntriesButChecksTheKnownFields() {
    String status =
        VALID
            + """
            status:
              phase: Progressing
              phaseSince: '2026-01-01T10:00:00Z'
              reason: step 2 passed its hooks
              step: 2
              weight: 25
              hooksPassed: true
              analysis: {summary: HOLD, metrics: [], canaryRequests: 120, judgeState: {eValues: [1.0]}}
              fieldOfANewerDaemon: {kept: true}
              observedGeneration: 3
              stableBackup: {deployment: checkout-v1, replicas: 3, revision: 0a1b2c3d4e5f6a7b}
              resolved: {generation: 3, stable: {deployment: checkout-v1, version: v1}, canary: {deployment: checkout-v2, version: v2}}
              tolerances: {error-rate: {stable: 0.001, allowance: 0.002}}
              ledger: [{time: '2026-01-01T10:00:30Z', decision: HOLD, metrics: {latency: {verdict: PASS}}}]
              overrides: [{action: pause, user: alice, time: '2026-01-01T10:01:00Z', reason: freeze}]
              conditions: [{type: MetricsAvailable, status: 'True', lastTransitionTime: '2026-01-01T10:00:00Z'}]
            """;

    assertThat(SCHEMA.problems(status)).isEmpty();
    assertThat(SCHEMA.problems(status.replace("phase: Progressing", "phase: Winning")))
        .anySatisfy(p -> assertThat(p).startsWith("status.phase: \"Winning\" is not one of"));
    assertThat(SCHEMA.problems(status.replace("weight: 25", "weight: 125")))
        .containsExactly("status.weight: 125 is above the maximum 100");
    assertThat(SCHEMA.problems(status.replace("step: 2", "step: -1"))).isEmpty();
    assertThat(SCHEMA.problems(status.replace("generation: 3,", "generation: three,")))
        .containsExactly("status.resolved.generation: must be of type integer, got STRING");
    assertThat(
            SCHEMA.problems(
                status.replace("tolerances: {", "tolerances: [{").replace("0.002}}", "0.002}}]")))
        .isEmpty();
  }
}
