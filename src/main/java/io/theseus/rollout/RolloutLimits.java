package io.theseus.rollout;

import java.time.Duration;

/**
 * Deadlines and floors of a rollout that are not part of the analysis config.
 *
 * @param progressDeadline how long the canary may take to become available, and a rollback to drain
 *     the canary's traffic, before the rollout gives up
 * @param metricsOutageDeadline how long weights stay frozen while the metrics plane is down before
 *     the rollout rolls back
 * @param minReplicas the floor the stable workload is scaled to while promoting; at least 1
 */
public record RolloutLimits(
    Duration progressDeadline, Duration metricsOutageDeadline, int minReplicas) {}
