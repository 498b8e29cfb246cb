package io.theseus.playground;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A version's behaviour over a rollout: a base behaviour and the shifts that replace it; when
 * several shifts apply, the last one listed wins.
 *
 * @param base the behaviour while no shift applies
 * @param shifts the shifts, in increasing precedence
 */
public record VersionProfile(VersionBehaviour base, List<BehaviourShift> shifts) {

  public VersionProfile {
    Objects.requireNonNull(base, "profile.base");
    shifts = List.copyOf(shifts);
  }

  /** A version that behaves the same whatever the weight or time. */
  public static VersionProfile steady(VersionBehaviour behaviour) {
    return new VersionProfile(behaviour, List.of());
  }

  /** The behaviour in force at this canary weight (percent) and uptime. */
  public VersionBehaviour behaviourAt(int canaryWeight, Duration uptime) {
    VersionBehaviour current = base;
    for (BehaviourShift shift : shifts) {
      if (shift.appliesAt(canaryWeight, uptime)) {
        current = shift.behaviour();
      }
    }
    return current;
  }
}
