package io.theseus.bench.peer.argo;

/** Argo Rollouts' analysis phases, ordered from best to worst as the run takes the worst. */
public enum Phase {
  SUCCESSFUL,
  RUNNING,
  PENDING,
  INCONCLUSIVE,
  ERROR,
  FAILED;

  /** True once the run stops on this phase. */
  public boolean terminatesRun() {
    return this == INCONCLUSIVE || this == ERROR || this == FAILED;
  }
}
