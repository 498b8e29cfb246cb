package io.theseus.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables a PromQL template may use, written {@code {{name}}}: {@code namespace}, {@code
 * service}, {@code workload}, {@code version} and {@code window}.
 */
public final class TemplateVariables {

  /** Every variable a template may name. */
  public static final Set<String> ALLOWED =
      Set.of("namespace", "service", "workload", "version", "window");

  /** A variable reference: {@code {{ name }}} with optional blanks inside the braces. */
  public static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

  private TemplateVariables() {}

  /** The problems of a template: unknown variables and unbalanced braces; empty when valid. */
  public static List<String> problems(String template) {
    List<String> problems = new ArrayList<>();
    Matcher ref = REFERENCE.matcher(template);
    while (ref.find()) {
      if (!ALLOWED.contains(ref.group(1))) {
        problems.add(
            "unknown template variable {{"
                + ref.group(1)
                + "}} (allowed: {{namespace}}, {{service}}, {{workload}}, {{version}},"
                + " {{window}})");
      }
    }
    String rest = REFERENCE.matcher(template).replaceAll("");
    if (rest.contains("{{") || rest.contains("}}")) {
      problems.add("unbalanced template braces (write a variable as {{name}})");
    }
    return problems;
  }
}
