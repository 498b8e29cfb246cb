package io.theseus.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.config.ConfigProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisConfigFilesTest {

  @TempDir Path dir;

  @Test
  void shippedConfigsAreValid() throws IOException {
    try (var files = Files.list(Path.of("analysis-config"))) {
      List<Path> configs = files.filter(f -> f.toString().endsWith(".yaml")).toList();
      assertThat(configs).hasSizeGreaterThanOrEqualTo(3);
      for (Path config : configs) {
        assertThat(AnalysisConfigFiles.problems(config)).as(config.toString()).isEmpty();
      }
    }
  }

  @Test
  void defaultConfigHasTheErrorRateAndLatencyMetrics() {
    var config = AnalysisConfigFiles.load(Path.of("analysis-config/default.yaml"));

    assertThat(config.metric("error-rate").orElseThrow().queries().get("errors"))
        .contains("istio_requests_total")
        .contains("response_code=~\"5..\"");
    assertThat(config.metric("latency").orElseThrow().queries().get("buckets"))
        .contains("istio_request_duration_milliseconds_bucket")
        .contains("by (le)");
  }

  @Test
  void rejectsBinaryJunk() throws IOException {
    byte[] junk = new byte[4096];
    new Random(7).nextBytes(junk);
    assertSingleFileProblem(Files.write(dir.resolve("junk.yaml"), junk), "is not UTF-8 text");
  }

  @Test
  void rejectsControlCharacters() throws IOException {
    Path file = Files.writeString(dir.resolve("nul.yaml"), "alpha: 0.01\u0000\u0001\n");
    assertSingleFileProblem(file, "not valid YAML");
  }

  @Test
  void rejectsAnEmptyFile() throws IOException {
    assertSingleFileProblem(Files.writeString(dir.resolve("empty.yaml"), ""), "is empty");
  }

  @Test
  void rejectsAYamlBombWithoutExpandingIt() throws IOException {
    StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 12; i++) {
      String prev = "*a" + (i - 1);
      bomb.append("a").append(i).append(": &a").append(i).append(" [");
      bomb.append(String.join(", ", java.util.Collections.nCopies(10, prev))).append("]\n");
    }
    assertSingleFileProblem(Files.writeString(dir.resolve("bomb.yaml"), bomb), "aliases");
  }

  @Test
  void boundsAliasExpansionBelowTheAliasLimit() throws IOException {
    StringBuilder wide = new StringBuilder("a: &a [");
    wide.append(String.join(", ", java.util.Collections.nCopies(20_000, "x"))).append("]\n");
    wide.append("b: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n");
    assertSingleFileProblem(Files.writeString(dir.resolve("wide.yaml"), wide), "more than 100000");
  }

  @Test
  void rejectsATenMegabyteFile() throws IOException {
    Path big = dir.resolve("big.yaml");
    Files.writeString(big, "a: " + "x".repeat(10 * 1024 * 1024), StandardCharsets.UTF_8);
    assertSingleFileProblem(big, "too large");
  }

  @Test
  void rejectsDeepNesting() throws IOException {
    Path deep = Files.writeString(dir.resolve("deep.yaml"), "a: " + "[".repeat(5000));
    assertSingleFileProblem(deep, "not valid YAML");
  }

  @Test
  void rejectsDuplicateKeysAtTheSecondKey() throws IOException {
    Path dup = Files.writeString(dir.resolve("dup.yaml"), "alpha: 0.01\nalpha: 0.02\n");
    List<ConfigProblem> problems = assertSingleFileProblem(dup, "duplicate key 'alpha'");
    assertThat(problems.get(0).line()).isEqualTo(2);
  }

  @Test
  void rejectsSeveralDocuments() throws IOException {
    Path two = Files.writeString(dir.resolve("two.yaml"), "alpha: 0.01\n---\nalpha: 0.02\n");
    assertSingleFileProblem(two, "has 2 YAML documents");
  }

  @Test
  void reportsSyntaxErrorsWithTheirPosition() throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "alpha: 0.01\nsteps: [1, 5\n");
    List<ConfigProblem> problems = assertSingleFileProblem(broken, "not valid YAML");
    assertThat(problems.get(0).line()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void reportsAMissingFile() {
    assertSingleFileProblem(dir.resolve("absent.yaml"), "cannot be read: NoSuchFileException");
  }

  private static List<ConfigProblem> assertSingleFileProblem(Path file, String message) {
    List<ConfigProblem> problems = AnalysisConfigFiles.problems(file);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).file()).isEqualTo(file.toString());
    assertThat(problems.get(0).message()).contains(message);
    return problems;
  }
}
