package io.theseus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.theseus.analysis.Sample;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/** Typed, path-naming reads of JSON evidence fields; every failure names file and field path. */
final class EvidenceFields {

  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  private final String file;

  EvidenceFields(String file) {
    this.file = file;
  }

  EvidenceException problem(String path, String what) {
    return new EvidenceException(file + ": " + path + ": " + what);
  }

  JsonNode required(JsonNode parent, String path, String field) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      throw problem(path + "." + field, "is missing");
    }
    return node;
  }

  JsonNode object(JsonNode node, String path) {
    if (!node.isObject()) {
      throw problem(path, "must be an object, got " + describe(node));
    }
    return node;
  }

  /** Rejects keys other than {@code allowed}, so a typo never silently drops data. */
  void onlyKeys(JsonNode node, String path, List<String> allowed) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw problem(
            path + "." + name, "unknown field (allowed: " + String.join(", ", allowed) + ")");
      }
    }
  }

  /** A whole, non-negative count. */
  long count(JsonNode node, String path) {
    if (!node.isNumber()) {
      throw problem(path, describe(node) + " is not a count (allowed: a whole number >= 0)");
    }
    double value = node.asDouble();
    if (!node.canConvertToLong() || value != Math.rint(value)) {
      throw problem(path, node + " is not a whole number (allowed: a whole number >= 0)");
    }
    if (value < 0) {
      throw problem(path, node + " is negative (allowed: a whole number >= 0)");
    }
    if (value > Sample.MAX_COUNT) {
      throw problem(path, node + " is above 2^50 (allowed: at most 2^50 per tick window)");
    }
    return node.asLong();
  }

  /** A finite number. */
  double number(JsonNode node, String path) {
    if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
      throw problem(path, describe(node) + " is not a finite number");
    }
    return node.asDouble();
  }

  /** A bucket bound: a decimal number or {@code +Inf}. */
  double le(String key, String path) {
    if (key.equals("+Inf")) {
      return Double.POSITIVE_INFINITY;
    }
    if (!DECIMAL.matcher(key).matches()) {
      throw problem(
          path, "bucket bound \"" + key + "\" is not a number (allowed: decimal or +Inf)");
    }
    double le = Double.parseDouble(key);
    if (!Double.isFinite(le)) {
      throw problem(
          path, "bucket bound \"" + key + "\" is beyond a double (allowed: +Inf for the total)");
    }
    return le;
  }

  static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "string \"" + node.asText() + "\"";
    }
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + node;
  }
}
