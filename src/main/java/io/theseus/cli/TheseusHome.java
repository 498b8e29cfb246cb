package io.theseus.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds files shipped with Theseus ({@code analysis-config/}, {@code grafana/}) when the CLI runs
 * from another working directory: {@code bin/theseus} exports {@code THESEUS_HOME} as the checkout.
 */
final class TheseusHome {

  static final String ENV = "THESEUS_HOME";

  private TheseusHome() {}

  /** The path as given when it exists or is absolute; else the same path under the home. */
  static Path resolve(Path path) {
    return resolve(path, System.getenv());
  }

  static Path resolve(Path path, Map<String, String> env) {
    String home = env.get(ENV);
    if (path.isAbsolute() || Files.exists(path) || home == null || home.isBlank()) {
      return path;
    }
    Path shipped = Path.of(home).resolve(path);
    return Files.exists(shipped) ? shipped : path;
  }
}
