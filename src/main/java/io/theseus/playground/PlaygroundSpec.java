package io.theseus.playground;

import java.util.Objects;

/**
 * What one playground runs: a service, the scenario its versions follow, and the load.
 *
 * @param namespace the service's namespace (the demo uses {@code demo})
 * @param service the service name; playgrounds sharing a JVM need distinct names
 * @param scenario how stable and canary behave
 * @param ratePerSecond the load generator's constant rate
 * @param replicas replicas of each version at start
 * @param seed seed of every random draw (latency, errors, split)
 */
public record PlaygroundSpec(
    String namespace,
    String service,
    Scenario scenario,
    int ratePerSecond,
    int replicas,
    long seed) {

  /** Default load of the demo: enough traffic for the judge at 1% within a few ticks. */
  public static final int DEFAULT_RPS = 100;

  public PlaygroundSpec {
    Objects.requireNonNull(scenario, "playground.scenario");
    if (namespace == null || namespace.isBlank() || service == null || service.isBlank()) {
      throw new IllegalArgumentException("playground.namespace/service: must not be blank");
    }
    if (replicas < 1) {
      throw new IllegalArgumentException(
          "playground.replicas: " + replicas + " is invalid (allowed: >= 1)");
    }
  }

  /** The demo's playground for a scenario: namespace {@code demo}, service named after it. */
  public static PlaygroundSpec demo(Scenario scenario, int ratePerSecond) {
    return new PlaygroundSpec("demo", scenario.name(), scenario, ratePerSecond, 2, 42);
  }
}
