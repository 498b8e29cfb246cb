package io.theseus.rollout;

/** What the rollout machine made of a manual override. */
public sealed interface OverrideOutcome {

  /** One line for the log. */
  String summary();

  /**
   * A new transition: the shell persists {@code status} and then converges to it.
   *
   * @param status the status to persist, with {@code record} appended to its overrides
   * @param record the override as recorded
   */
  record Applied(RolloutStatus status, OverrideRecord record) implements OverrideOutcome {
    @Override
    public String summary() {
      return "applied, " + record.phaseBefore() + " -> " + record.phaseAfter();
    }
  }

  /**
   * The same action again while its effect still holds: no transition.
   *
   * @param record the earlier override that made the transition
   */
  record Repeated(OverrideRecord record) implements OverrideOutcome {
    @Override
    public String summary() {
      return "repeats the override of " + record.at() + ", nothing changed";
    }
  }

  /**
   * The action is not valid in the rollout's current phase.
   *
   * @param reason why, naming the phase and where the action is valid
   */
  record Rejected(String reason) implements OverrideOutcome {
    @Override
    public String summary() {
      return "rejected: " + reason;
    }
  }
}
