package io.theseus.rollout;

/**
 * Names one rollout: its namespace and name. Every shell log line starts with it.
 *
 * @param namespace the rollout's namespace
 * @param name the rollout's name
 */
public record CanaryRef(String namespace, String name) {

  public CanaryRef {
    if (namespace == null || namespace.isBlank() || name == null || name.isBlank()) {
      throw new IllegalArgumentException("a rollout needs a namespace and a name");
    }
  }

  /** {@code ns/name}, as in the API path and in the CLI. */
  public String path() {
    return namespace + "/" + name;
  }

  /** {@code Canary(ns/name)}: the prefix of every log line about this rollout. */
  @Override
  public String toString() {
    return "Canary(" + path() + ")";
  }
}
