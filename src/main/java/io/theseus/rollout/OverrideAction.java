package io.theseus.rollout;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A manual verdict on a rollout, with the phases it is valid in and the phases it leads to. An
 * action asked again while its rollout is still in a phase it led to is a repeat, not a new
 * transition (overrides are idempotent).
 */
public enum OverrideAction {
  /** Skip the remaining analysis and promote now, through Promoting and Finalizing. */
  PROMOTE(
      EnumSet.of(
          RolloutPhase.DARK_CANARY,
          RolloutPhase.BASELINE,
          RolloutPhase.PROGRESSING,
          RolloutPhase.PAUSED),
      EnumSet.of(RolloutPhase.PROMOTING, RolloutPhase.FINALIZING, RolloutPhase.SUCCEEDED)),
  /** Roll back now. */
  ROLLBACK(
      EnumSet.of(
          RolloutPhase.INITIALIZING,
          RolloutPhase.DARK_CANARY,
          RolloutPhase.BASELINE,
          RolloutPhase.PROGRESSING,
          RolloutPhase.PAUSED,
          RolloutPhase.PROMOTING),
      EnumSet.of(RolloutPhase.ROLLING_BACK, RolloutPhase.ROLLED_BACK, RolloutPhase.FAILED)),
  /** Freeze the weights; analysis keeps running and recording. */
  PAUSE(
      EnumSet.of(RolloutPhase.BASELINE, RolloutPhase.PROGRESSING), EnumSet.of(RolloutPhase.PAUSED)),
  /** Continue a paused rollout in the phase it left. */
  RESUME(
      EnumSet.of(RolloutPhase.PAUSED), EnumSet.of(RolloutPhase.BASELINE, RolloutPhase.PROGRESSING));

  private final Set<RolloutPhase> validIn;
  private final Set<RolloutPhase> leadsTo;

  OverrideAction(Set<RolloutPhase> validIn, Set<RolloutPhase> leadsTo) {
    this.validIn = validIn;
    this.leadsTo = leadsTo;
  }

  /** The name on the wire and on the command line: {@code promote}, {@code rollback}, ... */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The action named {@code wire} exactly (lower case), or empty. */
  public static Optional<OverrideAction> parse(String wire) {
    for (OverrideAction action : values()) {
      if (action.wire().equals(wire)) {
        return Optional.of(action);
      }
    }
    return Optional.empty();
  }

  /** Whether the action may start a transition from {@code phase}. */
  public boolean validIn(RolloutPhase phase) {
    return validIn.contains(phase);
  }

  /** The phases this action is valid in, for error messages. */
  public Set<RolloutPhase> validPhases() {
    return Set.copyOf(validIn);
  }

  /** Whether {@code phase} is one this action leads to (directly or by the rollout's own steps). */
  public boolean leadsTo(RolloutPhase phase) {
    return leadsTo.contains(phase);
  }

  @Override
  public String toString() {
    return wire();
  }
}
