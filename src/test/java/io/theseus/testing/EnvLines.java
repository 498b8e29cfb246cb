package io.theseus.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Environments for {@code fromEnv(Map)} tests, written as an env file: one KEY=VALUE a line. */
public final class EnvLines {

  private EnvLines() {}

  /** The variables in {@code lines}; blank lines are skipped, values split at the first '='. */
  public static Map<String, String> parse(String lines) {
    Map<String, String> env = new LinkedHashMap<>();
    lines
        .lines()
        .filter(line -> !line.isBlank())
        .forEach(
            line -> {
              int equals = line.indexOf('=');
              if (equals < 1) {
                throw new IllegalArgumentException("not KEY=VALUE: '" + line + "'");
              }
              env.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            });
    return env;
  }
}
