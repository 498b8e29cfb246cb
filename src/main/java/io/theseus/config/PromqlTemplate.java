package io.theseus.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed PromQL query template of the analysis config. Variables are written {@code {{name}}}:
 * {@code {{window}}} stands where a PromQL duration goes (outside quotes), and the label variables
 * {@code {{namespace}} {{service}} {{workload}} {{version}}} only inside a quoted string, where
 * their values are escaped so that no value can end the string and inject PromQL. In the string of
 * a regex matcher ({@code =~}, {@code !~}) the value is also regex-quoted, so it matches itself
 * only: {@code pod=~"{{workload}}-.*"} with {@code a.b} matches {@code a.b-x}, not {@code axb-x}.
 *
 * <p>Parsing checks each variable's name and place once; {@link #render} then only concatenates.
 */
public final class PromqlTemplate {

  /** The variables a label value may fill. */
  public static final Set<String> LABEL_VARIABLES =
      Set.of("namespace", "service", "workload", "version");

  /** The duration variable. */
  public static final String WINDOW = "window";

  private final String source;
  private final List<Part> parts;

  /** A literal piece of PromQL, or a variable with the quote it stands in (0 when outside). */
  private record Part(String literal, String variable, char quote, boolean regex) {}

  private static final String REGEX_META = "\\.+*?()|[]{}^$";

  private PromqlTemplate(String source, List<Part> parts) {
    this.source = source;
    this.parts = List.copyOf(parts);
  }

  /**
   * Parses a template.
   *
   * @throws IllegalArgumentException naming the variable when it is unknown, unclosed, or out of
   *     place (a label variable outside quotes or in a raw string, {@code {{window}}} in quotes)
   */
  public static PromqlTemplate parse(String template) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    char quote = 0;
    boolean regex = false;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (template.startsWith("{{", i)) {
        parts.add(new Part(literal.toString(), null, (char) 0, false));
        literal.setLength(0);
        i = variable(template, i, quote, regex, parts);
        continue;
      }
      literal.append(c);
      if (quote != 0 && c == '\\' && quote != '`' && i + 1 < template.length()) {
        literal.append(template.charAt(++i)); // an escaped character never ends the string
      } else if (quote == 0 && (c == '"' || c == '\'' || c == '`')) {
        String before = literal.substring(0, literal.length() - 1).stripTrailing();
        regex = before.endsWith("=~") || before.endsWith("!~");
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
    }
    parts.add(new Part(literal.toString(), null, (char) 0, false));
    return new PromqlTemplate(template, parts);
  }

  /** Adds the variable starting at {@code start}; returns the index of its closing brace. */
  private static int variable(
      String template, int start, char quote, boolean regex, List<Part> parts) {
    int close = template.indexOf("}}", start);
    if (close < 0) {
      throw new IllegalArgumentException("unclosed {{ at character " + (start + 1));
    }
    String name = template.substring(start + 2, close).trim();
    checkPlace(name, quote);
    parts.add(new Part(null, name, quote, regex));
    return close + 1;
  }

  /**
   * Renders the template.
   *
   * @param labels values of the label variables; every one the template uses must be present
   * @param window the value of {@code {{window}}}
   * @throws IllegalArgumentException when a label variable used has no value
   */
  public String render(Map<String, String> labels, Duration window) {
    StringBuilder out = new StringBuilder(source.length() + 64);
    for (Part part : parts) {
      if (part.literal() != null) {
        out.append(part.literal());
      } else if (WINDOW.equals(part.variable())) {
        out.append(duration(window));
      } else {
        String value = labels.get(part.variable());
        if (value == null) {
          throw new IllegalArgumentException("no value for {{" + part.variable() + "}}");
        }
        escapeInto(out, part.regex() ? regexQuote(value) : value, part.quote());
      }
    }
    return out.toString();
  }

  /** True when the template uses {@code {{window}}}. */
  public boolean usesWindow() {
    return parts.stream().anyMatch(p -> WINDOW.equals(p.variable()));
  }

  /** The template as written. */
  public String source() {
    return source;
  }

  /** A duration in PromQL syntax: whole seconds as {@code 30s}, otherwise milliseconds. */
  public static String duration(Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("window must be positive, got " + d);
    }
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
  }

  /**
   * Escapes {@code value} for a PromQL string literal opened with {@code quote}: the quote and
   * backslash are escaped, and control characters written as escapes, so the literal cannot end
   * early and the value arrives byte for byte.
   */
  static void escapeInto(StringBuilder out, String value, char quote) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c == quote) {
            out.append('\\').append(c);
          } else if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
  }

  /** Backslash before every RE2 metacharacter, so the value matches only itself. */
  static String regexQuote(String value) {
    StringBuilder quoted = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (REGEX_META.indexOf(c) >= 0) {
        quoted.append('\\');
      }
      quoted.append(c);
    }
    return quoted.toString();
  }

  private static void checkPlace(String name, char quote) {
    if (WINDOW.equals(name)) {
      if (quote != 0) {
        throw new IllegalArgumentException("{{window}} must stand outside quotes, as a duration");
      }
    } else if (!LABEL_VARIABLES.contains(name)) {
      throw new IllegalArgumentException(
          "unknown variable {{"
              + name
              + "}} (allowed: namespace, service, workload, version, window)");
    } else if (quote == 0 || quote == '`') {
      throw new IllegalArgumentException(
          "{{" + name + "}} must stand inside a \"...\" or '...' label value, where it is escaped");
    }
  }

  @Override
  public String toString() {
    return source;
  }
}
