package io.theseus.config;

/** When a hook runs. */
public enum HookStage {
  /** In the dark-canary phase and after every weight change: a functional check. */
  SMOKE,
  /** At 1% and at each later step: results are compared with the 1% run, within tolerance. */
  PERFORMANCE;

  /** The name used in YAML. */
  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
