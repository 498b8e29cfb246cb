package io.theseus.rollout;

/**
 * The phases of a rollout (DESIGN.md §1). The happy path runs {@code Pending → Initializing →
 * DarkCanary → Baseline → Progressing → Promoting → Finalizing → Succeeded}; a failure leads to
 * {@code RollingBack → RolledBack} (or {@code Failed}); {@code Paused} is entered by override.
 */
public enum RolloutPhase {
  PENDING("Pending"),
  INITIALIZING("Initializing"),
  DARK_CANARY("DarkCanary"),
  BASELINE("Baseline"),
  PROGRESSING("Progressing"),
  PROMOTING("Promoting"),
  FINALIZING("Finalizing"),
  SUCCEEDED("Succeeded"),
  ROLLING_BACK("RollingBack"),
  ROLLED_BACK("RolledBack"),
  FAILED("Failed"),
  PAUSED("Paused");

  private final String display;

  RolloutPhase(String display) {
    this.display = display;
  }

  /** The name used in status, logs, the API and the terminal ({@code DarkCanary}). */
  public String display() {
    return display;
  }

  /** True once the rollout has ended: nothing further happens on its own. */
  public boolean terminal() {
    return this == SUCCEEDED || this == ROLLED_BACK || this == FAILED;
  }

  @Override
  public String toString() {
    return display;
  }
}
