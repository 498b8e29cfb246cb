package io.theseus.rollout;

/**
 * One side of a rollout: the workload that runs a version and the version label its pods carry.
 *
 * @param workload the workload (Deployment) name
 * @param version the version label value (the mesh subset and the metrics label)
 */
public record VersionSpec(String workload, String version) {}
