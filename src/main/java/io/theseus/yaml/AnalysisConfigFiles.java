package io.theseus.yaml;

import io.theseus.config.AnalysisConfig;
import io.theseus.config.AnalysisConfigReader;
import io.theseus.config.ConfigNode;
import io.theseus.config.ConfigProblem;
import io.theseus.config.InvalidConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loads analysis config files: bounded read, strict UTF-8, YAML, then validation. */
public final class AnalysisConfigFiles {

  private AnalysisConfigFiles() {}

  /**
   * Loads and validates one analysis config file.
   *
   * @throws InvalidConfigException naming file, line, column and field of every problem
   */
  public static AnalysisConfig load(Path file) {
    return parse(file.toString(), read(file));
  }

  /** Validates a file; returns its problems, empty when it is a valid analysis config. */
  public static List<ConfigProblem> problems(Path file) {
    try {
      load(file);
      return List.of();
    } catch (InvalidConfigException e) {
      return e.problems();
    }
  }

  /** Parses and validates config text; {@code name} is used in problem reports. */
  public static AnalysisConfig parse(String name, String text) {
    List<ConfigNode> documents = YamlTrees.parseAll(name, text);
    if (documents.isEmpty()) {
      throw YamlTrees.problem(name, 1, 1, "is empty (allowed: one analysis config mapping)");
    }
    if (documents.size() > 1) {
      ConfigNode.Position second = documents.get(1).position();
      throw YamlTrees.problem(
          name,
          second.line(),
          second.column(),
          "has " + documents.size() + " YAML documents (allowed: one analysis config per file)");
    }
    return AnalysisConfigReader.read(name, documents.get(0));
  }

  private static String read(Path file) {
    String name = file.toString();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(YamlTrees.MAX_CHARS * 4 + 1);
      if (bytes.length > YamlTrees.MAX_CHARS * 4) {
        throw YamlTrees.problem(name, 1, 1, "is too large (allowed: at most 1 MiB of text)");
      }
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw YamlTrees.problem(name, 1, 1, "is not UTF-8 text (allowed: a YAML text file)");
    } catch (IOException e) {
      throw YamlTrees.problem(
          name,
          1,
          1,
          "cannot be read: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
  }
}
