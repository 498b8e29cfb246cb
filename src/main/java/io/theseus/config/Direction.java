package io.theseus.config;

/** Which change of a metric is a regression of the canary. */
public enum Direction {
  /** Higher is worse: error rate, latency, CPU. */
  INCREASE,
  /** Lower is worse: success rate, throughput per pod. */
  DECREASE;

  /** The name used in YAML. */
  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
