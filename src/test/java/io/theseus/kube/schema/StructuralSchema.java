package io.theseus.kube.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates objects against a CustomResourceDefinition's openAPIV3Schema the way kube-apiserver
 * does for a structural schema, and stricter where the server would silently drop data: a field the
 * schema does not declare (which the server prunes) and a null in a non-nullable field are errors
 * here. Understands {@code nullable}, {@code x-kubernetes-int-or-string} and {@code
 * x-kubernetes-preserve-unknown-fields}; CEL rules ({@code x-kubernetes-validations}) and list
 * types are not evaluated.
 */
public final class StructuralSchema {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private final String name;
  private final JsonNode schema;

  private StructuralSchema(String name, JsonNode schema) {
    this.name = name;
    this.schema = schema;
  }

  /** The schema of {@code version} in the CRD file at {@code crdFile}. */
  public static StructuralSchema fromCrd(Path crdFile, String version) {
    JsonNode crd;
    try {
      crd = YAML.readTree(Files.readString(crdFile));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read CRD " + crdFile.toAbsolutePath() + ": " + e, e);
    }
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (version.equals(v.path("name").asText())) {
        String kind = crd.path("spec").path("names").path("kind").asText();
        return new StructuralSchema(kind + " " + version, v.path("schema").path("openAPIV3Schema"));
      }
    }
    throw new IllegalArgumentException(crdFile + " has no version " + version);
  }

  /** Every problem of {@code object}, each as {@code path: what is wrong}; empty when valid. */
  public List<String> problems(JsonNode object) {
    var problems = new ArrayList<String>();
    validate(object, schema, "", true, problems);
    return problems;
  }

  /** The problems of a JSON or YAML document. */
  public List<String> problems(String document) {
    try {
      return problems(YAML.readTree(document));
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON/YAML: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return name;
  }

  private void validate(JsonNode value, JsonNode s, String path, boolean strict, List<String> out) {
    if (value.isNull()) {
      if (!s.path("nullable").asBoolean(false)) {
        out.add(at(path) + "null is not allowed (the field is not nullable)");
      }
      return;
    }
    if (!typeMatches(value, s)) {
      out.add(at(path) + "must be " + expectedType(s) + ", got " + value.getNodeType());
      return;
    }
    Constraints.check(value, s, at(path), out);
    logical(value, s, path, out);
    if (value.isObject()) {
      object(value, s, path, strict, out);
    } else if (value.isArray() && s.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        validate(value.get(i), s.get("items"), path + "[" + i + "]", strict, out);
      }
    }
  }

  private void object(JsonNode value, JsonNode s, String path, boolean strict, List<String> out) {
    for (JsonNode required : s.path("required")) {
      if (!value.has(required.asText())) {
        out.add(at(path + "." + required.asText()) + "is required");
      }
    }
    boolean preserve = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    JsonNode additional = s.get("additionalProperties");
    value
        .fields()
        .forEachRemaining(
            field -> {
              String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
              JsonNode declared = s.path("properties").get(field.getKey());
              if (path.isEmpty() && field.getKey().equals("metadata")) {
                return; // ObjectMeta has its own validation, whatever the CRD says about it
              }
              if (declared != null) {
                validate(field.getValue(), declared, child, strict, out);
              } else if (additional != null && additional.isObject()) {
                validate(field.getValue(), additional, child, strict, out);
              } else if (strict
                  && !preserve
                  && !(path.isEmpty() && ROOT_FIELDS.contains(field.getKey()))
                  && !(additional != null && additional.asBoolean(false))) {
                out.add(at(child) + "unknown field (the API server would drop it)");
              }
            });
  }

  /** allOf / anyOf / oneOf / not: their branches only constrain, they declare no fields. */
  private void logical(JsonNode value, JsonNode s, String path, List<String> out) {
    for (JsonNode branch : s.path("allOf")) {
      validate(value, branch, path, false, out);
    }
    if (s.has("anyOf") && passing(value, s.get("anyOf"), path) == 0) {
      out.add(at(path) + "matches none of anyOf " + s.get("anyOf"));
    }
    if (s.has("oneOf")) {
      int passing = passing(value, s.get("oneOf"), path);
      if (passing != 1) {
        out.add(
            at(path)
                + "matches "
                + passing
                + " of oneOf "
                + s.get("oneOf")
                + " (exactly 1 allowed)");
      }
    }
    if (s.has("not") && passing(value, List.of(s.get("not")), path) == 1) {
      out.add(at(path) + "must not match " + s.get("not"));
    }
  }

  private int passing(JsonNode value, Iterable<JsonNode> branches, String path) {
    int passing = 0;
    for (JsonNode branch : branches) {
      var problems = new ArrayList<String>();
      validate(value, branch, path, false, problems);
      passing += problems.isEmpty() ? 1 : 0;
    }
    return passing;
  }

  private static boolean typeMatches(JsonNode value, JsonNode s) {
    if (s.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return value.isIntegralNumber() || value.isTextual();
    }
    return switch (s.path("type").asText("")) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> true;
    };
  }

  private static String expectedType(JsonNode s) {
    return s.path("x-kubernetes-int-or-string").asBoolean(false)
        ? "an integer or a string"
        : "of type " + s.path("type").asText();
  }

  private static String at(String path) {
    return (path.isEmpty() ? "<root>" : path) + ": ";
  }

  /** Value constraints of one schema node: enum, ranges, lengths, patterns, sizes, formats. */
  private static final class Constraints {

    static void check(JsonNode value, JsonNode s, String at, List<String> out) {
      if (s.has("enum") && !contains(s.get("enum"), value)) {
        out.add(at + value + " is not one of " + s.get("enum"));
      }
      if (value.isNumber()) {
        number(value.decimalValue().doubleValue(), value.asText(), s, at, out);
      }
      if (value.isTextual()) {
        text(value.asText(), s, at, out);
      }
      if (value.isArray()) {
        size(value.size(), s, "minItems", "maxItems", "items", at, out);
      }
      if (value.isObject()) {
        size(value.size(), s, "minProperties", "maxProperties", "properties", at, out);
      }
    }

    private static boolean contains(JsonNode allowed, JsonNode value) {
      for (JsonNode a : allowed) {
        if (a.equals(value)) {
          return true;
        }
      }
      return false;
    }

    private static void number(double n, String shown, JsonNode s, String at, List<String> out) {
      boolean exclusiveMin = s.path("exclusiveMinimum").asBoolean(false);
      boolean exclusiveMax = s.path("exclusiveMaximum").asBoolean(false);
      if (s.has("minimum")
          && (exclusiveMin ? n <= s.get("minimum").asDouble() : n < s.get("minimum").asDouble())) {
        out.add(
            at
                + shown
                + " is below the minimum "
                + s.get("minimum")
                + (exclusiveMin ? " (exclusive)" : ""));
      }
      if (s.has("maximum")
          && (exclusiveMax ? n >= s.get("maximum").asDouble() : n > s.get("maximum").asDouble())) {
        out.add(
            at
                + shown
                + " is above the maximum "
                + s.get("maximum")
                + (exclusiveMax ? " (exclusive)" : ""));
      }
      String format = s.path("format").asText("");
      if (format.equals("int32") && (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE)) {
        out.add(at + shown + " does not fit int32");
      }
    }

    private static void text(String t, JsonNode s, String at, List<String> out) {
      int length = t.codePointCount(0, t.length());
      if (s.has("minLength") && length < s.get("minLength").asInt()) {
        out.add(at + "is shorter than " + s.get("minLength") + " characters");
      }
      if (s.has("maxLength") && length > s.get("maxLength").asInt()) {
        out.add(at + "is longer than " + s.get("maxLength") + " characters");
      }
      if (s.has("pattern") && !Pattern.compile(s.get("pattern").asText()).matcher(t).find()) {
        out.add(at + "'" + t + "' does not match " + s.get("pattern").asText());
      }
    }

    private static void size(
        int n, JsonNode s, String min, String max, String what, String at, List<String> out) {
      if (s.has(min) && n < s.get(min).asInt()) {
        out.add(at + "has " + n + " " + what + ", fewer than " + min + " " + s.get(min));
      }
      if (s.has(max) && n > s.get(max).asInt()) {
        out.add(at + "has " + n + " " + what + ", more than " + max + " " + s.get(max));
      }
    }
  }
}
