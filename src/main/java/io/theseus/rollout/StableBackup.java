package io.theseus.rollout;

/**
 * The stable workload as it was before the rollout touched anything; a rollback restores it.
 *
 * @param replicas its desired replicas
 * @param revision its pod template revision
 */
public record StableBackup(int replicas, String revision) {}
