package io.theseus.workload;

/**
 * A workload as observed now.
 *
 * @param exists whether it exists at all
 * @param replicas desired replicas
 * @param readyReplicas replicas ready to serve
 * @param revision the pod template's revision (hash), for the backup and for drift checks
 */
public record WorkloadState(boolean exists, int replicas, int readyReplicas, String revision) {

  /** The state of a workload that does not exist. */
  public static final WorkloadState ABSENT = new WorkloadState(false, 0, 0, "");

  /** True when it exists, wants at least one replica and all of them are ready. */
  public boolean available() {
    return exists && replicas > 0 && readyReplicas >= replicas;
  }
}
