package io.theseus.kube.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The upstream CRD schemas in {@code ../shared/schemas} (beside the repository, as CI lays it out)
 * and Theseus's own CanaryRollout CRD, for asserting that what Theseus writes would be accepted.
 */
public final class UpstreamSchemas {

  private static final ObjectMapper JSON = new ObjectMapper();

  private UpstreamSchemas() {}

  public static StructuralSchema virtualService() {
    return StructuralSchema.fromCrd(shared("virtualservices.istio.crd.yaml"), "v1");
  }

  public static StructuralSchema destinationRule() {
    return StructuralSchema.fromCrd(shared("destinationrules.istio.crd.yaml"), "v1");
  }

  /** Theseus's own CRD, deploy/crd/canaryrollouts.theseus.io.yaml. */
  public static StructuralSchema canaryRollout() {
    return StructuralSchema.fromCrd(
        Path.of("deploy/crd/canaryrollouts.theseus.io.yaml"), "v1alpha1");
  }

  /** Asserts that {@code object} (JSON text, as read from the API) passes {@code schema}. */
  public static void assertValid(StructuralSchema schema, String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + json, e);
    }
    assertThat(schema.problems(node)).as("%s schema problems of %s", schema, json).isEmpty();
  }

  private static Path shared(String file) {
    Path path = Path.of("..", "shared", "schemas", file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          "upstream CRD schema "
              + path.toAbsolutePath().normalize()
              + " is missing: the tests expect the shared/ folder beside the repository"
              + " (../shared/schemas), as CI lays it out");
    }
    return path;
  }
}
