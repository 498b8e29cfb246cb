package io.theseus.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What {@code kubectl kustomize deploy} renders: the install a cluster admin applies. */
class DeployManifestsTest {

  private static List<JsonNode> objects;

  @BeforeAll
  static void build() throws Exception {
    objects = Kustomize.build("deploy");
  }

  @Test
  void rendersEveryPartOfTheInstallInTheTheseusNamespace() {
    assertThat(
            objects.stream()
                .map(o -> o.path("kind").asText() + "/" + o.at("/metadata/name").asText()))
        .contains(
            "Namespace/theseus-system",
            "CustomResourceDefinition/canaryrollouts.theseus.io",
            "ServiceAccount/theseus",
            "ClusterRole/theseus",
            "ClusterRoleBinding/theseus",
            "Role/theseus-leader-election",
            "RoleBinding/theseus-leader-election",
            "Deployment/theseus",
            "Service/theseus",
            "PodDisruptionBudget/theseus",
            "ConfigMap/theseus-grafana-dashboard");
    for (String kind :
        List.of("ServiceAccount", "Role", "RoleBinding", "Deployment", "Service", "ConfigMap")) {
      assertThat(ofKind(kind))
          .allSatisfy(
              o -> assertThat(o.at("/metadata/namespace").asText()).isEqualTo("theseus-system"));
    }
  }

  @Test
  void rbacGrantsExactlyTheVerbsTheDaemonUsesAndNoWildcards() {
    assertThat(
            objects.stream()
                .filter(o -> o.has("rules"))
                .flatMap(o -> StreamSupport.stream(o.get("rules").spliterator(), false)))
        .allSatisfy(rule -> assertThat(rule.toString()).doesNotContain("\"*\""));
    assertThat(rules("ClusterRole", "theseus"))
        .isEqualTo(
            new TreeMap<>(
                Map.of(
                    "theseus.io/canaryrollouts", "[get, list, watch, patch]",
                    "theseus.io/canaryrollouts/status", "[update, patch]",
                    "apps/deployments", "[get, list, watch, patch, delete]",
                    "apps/deployments/scale", "[get, update, patch]",
                    "networking.istio.io/virtualservices",
                        "[get, list, watch, create, patch, update]",
                    "networking.istio.io/destinationrules",
                        "[get, list, watch, create, patch, update]",
                    "/services", "[get]",
                    "/events", "[create, patch]",
                    "authentication.k8s.io/tokenreviews", "[create]",
                    "authorization.k8s.io/subjectaccessreviews", "[create]")));
    assertThat(rules("Role", "theseus-leader-election"))
        .isEqualTo(Map.of("coordination.k8s.io/leases", "[get, create, update]"));
  }

  @Test
  void theOverrideRoleGrantsTheVerbTheApisAccessReviewAsksFor() {
    assertThat(rules("ClusterRole", "theseus-override"))
        .isEqualTo(
            Map.of(
                "theseus.io/canaryrollouts/override", "[update]",
                "theseus.io/canaryrollouts", "[get, list]"));
  }

  @Test
  void daemonRunsTwoHardenedReplicasWithProbesResourcesAndScrapeAnnotations() {
    JsonNode deployment = single("Deployment", "theseus");
    JsonNode pod = deployment.at("/spec/template");
    JsonNode container = pod.at("/spec/containers/0");

    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(pod.at("/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").isBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(container.at("/resources/requests/memory").asText()).isNotEmpty();
    assertThat(container.at("/resources/limits/memory").asText()).isNotEmpty();
    assertThat(pod.at("/metadata/annotations/prometheus.io~1scrape").asText()).isEqualTo("true");
    assertThat(pod.at("/metadata/annotations/prometheus.io~1path").asText()).isEqualTo("/metrics");
    assertThat(pod.at("/spec/serviceAccountName").asText()).isEqualTo("theseus");
    assertThat(single("PodDisruptionBudget", "theseus").at("/spec/minAvailable").asInt())
        .isEqualTo(1);
  }

  @Test
  void analysisConfigMapCarriesTheShippedConfigsAndIsMountedByItsHashedName() throws Exception {
    JsonNode configMap =
        ofKind("ConfigMap").stream()
            .filter(c -> c.at("/metadata/name").asText().startsWith("theseus-analysis-config-"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no theseus-analysis-config ConfigMap"));
    try (var shipped = Files.list(Path.of("analysis-config"))) {
      for (Path file : shipped.toList()) {
        assertThat(configMap.at("/data/" + file.getFileName()).asText())
            .as("ConfigMap key %s", file.getFileName())
            .isEqualTo(Files.readString(file));
      }
    }
    JsonNode volumes = single("Deployment", "theseus").at("/spec/template/spec/volumes");
    assertThat(volumes.toString())
        .contains("\"name\":\"" + configMap.at("/metadata/name").asText() + "\"");
  }

  @Test
  void renderedCrdIsTheCrdFileAndTheExampleRolloutPassesIt() throws Exception {
    JsonNode crd = single("CustomResourceDefinition", "canaryrollouts.theseus.io");

    assertThat(crd.at("/spec/versions/0/subresources/status").isObject()).isTrue();
    assertThat(crd.at("/spec/versions/0/additionalPrinterColumns").toString())
        .contains(".status.phase", ".status.weight", ".status.step", ".metadata.creationTimestamp");
    assertThat(
            io.theseus.kube.schema.UpstreamSchemas.canaryRollout()
                .problems(Files.readString(Path.of("deploy/examples/checkout-rollout.yaml"))))
        .isEmpty();
  }

  private static Map<String, String> rules(String kind, String name) {
    var rules = new TreeMap<String, String>();
    for (JsonNode rule : single(kind, name).get("rules")) {
      for (JsonNode group : rule.get("apiGroups")) {
        for (JsonNode resource : rule.get("resources")) {
          rules.put(group.asText() + "/" + resource.asText(), verbs(rule));
        }
      }
    }
    return rules;
  }

  private static String verbs(JsonNode rule) {
    return StreamSupport.stream(rule.get("verbs").spliterator(), false)
        .map(JsonNode::asText)
        .toList()
        .toString();
  }

  private static List<JsonNode> ofKind(String kind) {
    return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
  }

  private static JsonNode single(String kind, String name) {
    return ofKind(kind).stream()
        .filter(o -> o.at("/metadata/name").asText().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no " + kind + "/" + name + " in kubectl kustomize deploy"));
  }
}
