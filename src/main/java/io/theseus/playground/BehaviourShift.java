package io.theseus.playground;

import java.time.Duration;
import java.util.Objects;

/**
 * A change of behaviour that sets in once the canary carries enough traffic and/or the version has
 * run long enough: how the playground models load-dependent and late regressions.
 *
 * @param fromCanaryWeight applies while the canary's route weight is at least this percent (0: any
 *     weight)
 * @param fromUptime applies once the version has served for at least this long (zero: at once)
 * @param behaviour the behaviour that replaces the base one while the shift applies
 */
public record BehaviourShift(
    int fromCanaryWeight, Duration fromUptime, VersionBehaviour behaviour) {

  public BehaviourShift {
    if (fromCanaryWeight < 0 || fromCanaryWeight > 100) {
      throw new IllegalArgumentException(
          "shift.fromCanaryWeight: " + fromCanaryWeight + " is out of range (allowed: 0-100)");
    }
    if (fromUptime == null || fromUptime.isNegative()) {
      throw new IllegalArgumentException(
          "shift.fromUptime: " + fromUptime + " is invalid (allowed: a duration >= 0)");
    }
    Objects.requireNonNull(behaviour, "shift.behaviour");
  }

  /** A shift that applies from a canary weight on, e.g. "from weight 25: latency x1.6". */
  public static BehaviourShift atWeight(int canaryWeight, VersionBehaviour behaviour) {
    return new BehaviourShift(canaryWeight, Duration.ZERO, behaviour);
  }

  /** A shift that applies once the version has served for {@code uptime}. */
  public static BehaviourShift after(Duration uptime, VersionBehaviour behaviour) {
    return new BehaviourShift(0, uptime, behaviour);
  }

  /** Whether the shift applies at this canary weight and uptime. */
  public boolean appliesAt(int canaryWeight, Duration uptime) {
    return canaryWeight >= fromCanaryWeight && uptime.compareTo(fromUptime) >= 0;
  }
}
