package io.theseus.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * deploy/ holds copies of files kustomize may not load from outside its folder; they must equal
 * their sources and all be packed by deploy/kustomization.yaml. The fix is always {@code
 * bin/sync-deploy-config}.
 */
class DeployFilesInSyncTest {

  private static final String FIX = "run bin/sync-deploy-config and commit deploy/";

  @Test
  void analysisConfigCopiesEqualTheShippedConfigs() throws IOException {
    assertSameFiles(Path.of("analysis-config"), Path.of("deploy/analysis-config"), ".yaml");
  }

  @Test
  void dashboardCopiesEqualTheGrafanaDashboards() throws IOException {
    Path source = Path.of("grafana/dashboards");
    Assumptions.assumeTrue(
        Files.isDirectory(source),
        "grafana/dashboards/ is not on this branch yet (it comes from branch prom); the copy in"
            + " deploy/grafana/ is checked once it is");
    assertSameFiles(source, Path.of("deploy/grafana"), ".json");
  }

  @Test
  void kustomizationsPackEveryCopy() throws IOException {
    Set<String> packed = new TreeSet<>(packedFiles(Path.of("deploy/kustomization.yaml"), ""));
    packed.addAll(packedFiles(Path.of("deploy/grafana/kustomization.yaml"), "grafana/"));

    Set<String> copies = new TreeSet<>();
    copies.addAll(names(Path.of("deploy/analysis-config"), ".yaml", "analysis-config/"));
    copies.addAll(names(Path.of("deploy/grafana"), ".json", "grafana/"));
    assertThat(packed).as("files packed by deploy/ configMapGenerators").isEqualTo(copies);
  }

  private static List<String> packedFiles(Path kustomization, String prefix) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(kustomization.toFile());
    var files = new ArrayList<String>();
    for (JsonNode generator : root.path("configMapGenerator")) {
      generator.path("files").forEach(file -> files.add(prefix + file.asText()));
    }
    return files;
  }

  private static void assertSameFiles(Path source, Path copy, String suffix) throws IOException {
    assertThat(names(copy, suffix, ""))
        .as("copies in %s; %s", copy, FIX)
        .isEqualTo(names(source, suffix, ""));
    for (String name : names(source, suffix, "")) {
      assertThat(Files.readString(copy.resolve(name)))
          .as("%s differs from %s; %s", copy.resolve(name), source.resolve(name), FIX)
          .isEqualTo(Files.readString(source.resolve(name)));
    }
  }

  private static List<String> names(Path dir, String suffix, String prefix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return new ArrayList<>(
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(suffix))
              .map(n -> prefix + n)
              .sorted()
              .toList());
    }
  }
}
