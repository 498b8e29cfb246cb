package io.theseus.analysis;

/** The two versions a rollout compares: the running stable one and the candidate canary. */
public enum Version {
  STABLE,
  CANARY;

  /** Lower-case name as used in labels, status and JSON ({@code stable}, {@code canary}). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
