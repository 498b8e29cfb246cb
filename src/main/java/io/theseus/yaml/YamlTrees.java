package io.theseus.yaml;

import io.theseus.config.ConfigNode;
import io.theseus.config.ConfigProblem;
import io.theseus.config.InvalidConfigException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Parses YAML text into positioned {@link ConfigNode} trees, defending against hostile input: size,
 * nesting and alias expansion are bounded, duplicate keys are errors, and every failure is a {@link
 * ConfigProblem} with file, line and column rather than an exception trace.
 */
public final class YamlTrees {

  /** Largest config text accepted, in characters. */
  public static final int MAX_CHARS = 1 << 20;

  /** Most nodes a document may expand to (aliases count each time they are used). */
  static final int MAX_NODES = 100_000;

  private YamlTrees() {}

  /**
   * Parses every document of a YAML text.
   *
   * @throws InvalidConfigException when the text is not YAML or breaks a bound
   */
  public static List<ConfigNode> parseAll(String file, String text) {
    if (text.length() > MAX_CHARS) {
      throw problem(
          file, 1, 1, "is " + text.length() + " characters (allowed: at most " + MAX_CHARS + ")");
    }
    try {
      List<ConfigNode> documents = new ArrayList<>();
      for (Node document : new Yaml(options()).composeAll(new StringReader(text))) {
        documents.add(new Converter(file).convert(document));
      }
      return documents;
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String what = e.getProblem() != null ? e.getProblem() : e.getContext();
      throw problem(
          file,
          mark == null ? 1 : mark.getLine() + 1,
          mark == null ? 1 : mark.getColumn() + 1,
          "not valid YAML: " + oneLine(what));
    } catch (InvalidConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      throw problem(file, 1, 1, "not valid YAML: " + oneLine(String.valueOf(e.getMessage())));
    }
  }

  private static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(20);
    options.setNestingDepthLimit(40);
    options.setCodePointLimit(MAX_CHARS);
    options.setAllowRecursiveKeys(false);
    return options;
  }

  static InvalidConfigException problem(String file, int line, int column, String message) {
    return new InvalidConfigException(
        List.of(new ConfigProblem(file, line, column, "(file)", message)));
  }

  private static String oneLine(String text) {
    String line = text == null ? "" : text.replaceAll("\\s+", " ").strip();
    return line.length() <= 160 ? line : line.substring(0, 157) + "...";
  }

  /** Turns one composed document into a tree, counting nodes against the expansion bound. */
  private static final class Converter {
    private final String file;
    private int nodes;

    Converter(String file) {
      this.file = file;
    }

    ConfigNode convert(Node node) {
      if (++nodes > MAX_NODES) {
        throw problem(
            file,
            line(node),
            column(node),
            "document expands to more than " + MAX_NODES + " nodes (aliases included)");
      }
      ConfigNode.Position at = new ConfigNode.Position(line(node), column(node));
      if (node instanceof MappingNode mapping) {
        return mapping(mapping, at);
      }
      if (node instanceof SequenceNode seq) {
        List<ConfigNode> items = new ArrayList<>();
        seq.getValue().forEach(item -> items.add(convert(item)));
        return new ConfigNode.Sequence(items, at);
      }
      ScalarNode scalar = (ScalarNode) node;
      return new ConfigNode.Scalar(scalar.getValue(), type(scalar.getTag()), at);
    }

    private ConfigNode mapping(MappingNode mapping, ConfigNode.Position at) {
      Map<ConfigNode.Key, ConfigNode> entries = new LinkedHashMap<>();
      Set<String> seen = new HashSet<>();
      for (NodeTuple tuple : mapping.getValue()) {
        Node keyNode = tuple.getKeyNode();
        if (!(keyNode instanceof ScalarNode key)) {
          throw problem(file, line(keyNode), column(keyNode), "mapping keys must be text");
        }
        if (!seen.add(key.getValue())) {
          throw problem(file, line(key), column(key), "duplicate key '" + key.getValue() + "'");
        }
        ConfigNode.Key name =
            new ConfigNode.Key(key.getValue(), new ConfigNode.Position(line(key), column(key)));
        entries.put(name, convert(tuple.getValueNode()));
      }
      return new ConfigNode.Mapping(entries, at);
    }

    private static ConfigNode.ScalarType type(Tag tag) {
      if (Tag.INT.equals(tag)) {
        return ConfigNode.ScalarType.INTEGER;
      } else if (Tag.FLOAT.equals(tag)) {
        return ConfigNode.ScalarType.FLOAT;
      } else if (Tag.BOOL.equals(tag)) {
        return ConfigNode.ScalarType.BOOLEAN;
      } else if (Tag.NULL.equals(tag)) {
        return ConfigNode.ScalarType.NULL;
      }
      return ConfigNode.ScalarType.STRING;
    }

    private static int line(Node node) {
      return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

    private static int column(Node node) {
      return node.getStartMark() == null ? 1 : node.getStartMark().getColumn() + 1;
    }
  }
}
