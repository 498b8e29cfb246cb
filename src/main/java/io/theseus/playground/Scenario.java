package io.theseus.playground;

import java.util.List;
import java.util.Objects;

/**
 * A demo scenario: how the stable and the canary version behave. See docs/playground.md for the
 * figures and why they were chosen.
 *
 * @param name the scenario's name (also the demo rollout's and service's name)
 * @param stable the stable version's profile
 * @param canary the canary version's profile
 */
public record Scenario(String name, VersionProfile stable, VersionProfile canary) {

  /** The names {@link #named(String)} accepts, in demo order. */
  public static final List<String> NAMES = List.of("healthy", "latency-regression", "error-spike");

  /** A healthy service: 20 ms median, sigma 0.35, 1% of requests 4x slower, 0.1% errors. */
  public static final VersionBehaviour BASELINE = new VersionBehaviour(20, 0.35, 0.01, 4, 0.001);

  public Scenario {
    Objects.requireNonNull(name, "scenario.name");
    Objects.requireNonNull(stable, "scenario.stable");
    Objects.requireNonNull(canary, "scenario.canary");
  }

  /** Canary identical to stable: the rollout should be promoted. */
  public static Scenario healthy() {
    return new Scenario(
        "healthy", VersionProfile.steady(BASELINE), VersionProfile.steady(BASELINE));
  }

  /**
   * A load-dependent latency regression: the canary matches stable until it takes 25% of the
   * traffic, then its latency grows 60% and 5% of its requests hit the 4x tail. Invisible at 1%, so
   * only the tolerances captured there catch it.
   */
  public static Scenario latencyRegression() {
    VersionBehaviour slow = BASELINE.withLatencyFactor(1.6).withTail(0.05, 4);
    return new Scenario(
        "latency-regression",
        VersionProfile.steady(BASELINE),
        new VersionProfile(BASELINE, List.of(BehaviourShift.atWeight(25, slow))));
  }

  /** An error spike: from 5% of the traffic on, 5% of the canary's requests fail with a 500. */
  public static Scenario errorSpike() {
    VersionBehaviour failing = BASELINE.withErrorRate(0.05);
    return new Scenario(
        "error-spike",
        VersionProfile.steady(BASELINE),
        new VersionProfile(BASELINE, List.of(BehaviourShift.atWeight(5, failing))));
  }

  /**
   * The scenario of this name.
   *
   * @throws IllegalArgumentException naming the field and the allowed names when unknown
   */
  public static Scenario named(String name) {
    return switch (String.valueOf(name)) {
      case "healthy" -> healthy();
      case "latency-regression" -> latencyRegression();
      case "error-spike" -> errorSpike();
      default ->
          throw new IllegalArgumentException(
              "scenario: unknown '" + name + "' (allowed: " + String.join(", ", NAMES) + ")");
    };
  }
}
