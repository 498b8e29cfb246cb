package io.theseus.config;

/** What happens when a step's deadline passes without enough evidence to pass or fail. */
public enum OnInconclusive {
  /** Roll back: no evidence is not a pass (the default). */
  ROLLBACK,
  /** Freeze the weight and wait for a manual override. */
  PAUSE,
  /** Treat the step as passed; for low-traffic services that accept the risk. */
  ADVANCE;

  /** The name used in YAML. */
  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
