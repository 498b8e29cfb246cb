package io.theseus.workload;

import io.vertx.core.Future;

/**
 * Port to the workloads a rollout moves between: reads, scales and removes them. Methods are
 * idempotent and never block the event loop; failures name the workload.
 */
public interface Workloads {

  /** Reads the workload's state; {@link WorkloadState#ABSENT} when it does not exist. */
  Future<WorkloadState> read(WorkloadRef ref);

  /** Sets the desired replicas. */
  Future<Void> scale(WorkloadRef ref, int replicas);

  /** Removes the workload (delete, or scale to 0, as the implementation's cleanup policy says). */
  Future<Void> remove(WorkloadRef ref);
}
