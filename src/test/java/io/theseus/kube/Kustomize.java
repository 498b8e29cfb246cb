package io.theseus.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code kubectl kustomize DIR} and parses the objects it prints. */
final class Kustomize {

  private Kustomize() {}

  static List<JsonNode> build(String dir) throws IOException, InterruptedException {
    Path out = Files.createTempFile("kustomize", ".yaml");
    Path err = Files.createTempFile("kustomize", ".err");
    try {
      Process process = start(dir, out, err);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("kubectl kustomize " + dir + " did not finish within 120 s");
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(
            "kubectl kustomize "
                + dir
                + " failed: "
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      var objects = new ArrayList<JsonNode>();
      try (var documents =
          new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(out.toFile())) {
        documents.forEachRemaining(o -> objects.add((JsonNode) o));
      }
      return objects;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static Process start(String dir, Path out, Path err) {
    try {
      return new ProcessBuilder("kubectl", "kustomize", dir)
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
    } catch (IOException notInstalled) {
      throw new AssertionError(
          "kubectl is not installed; the deploy/ checks need a kubectl with built-in kustomize:"
              + " apt-get install -y --no-install-recommends kubernetes-client (or bin/ensure-deps"
              + " kubectl)",
          notInstalled);
    }
  }
}
