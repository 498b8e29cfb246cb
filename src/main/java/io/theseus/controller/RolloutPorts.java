package io.theseus.controller;

import io.theseus.hook.Hooks;
import io.theseus.metrics.MetricsProvider;
import io.theseus.rollout.StepJudge;
import io.theseus.routing.TrafficRouter;
import io.theseus.store.RolloutStore;
import io.theseus.workload.Workloads;

/**
 * The ports a rollout's tick talks through.
 *
 * @param store where status is persisted
 * @param router the mesh's traffic split
 * @param workloads stable and canary workloads
 * @param metrics the metrics backend
 * @param hooks smoke and performance hooks
 * @param judge the statistical judge
 */
public record RolloutPorts(
    RolloutStore store,
    TrafficRouter router,
    Workloads workloads,
    MetricsProvider metrics,
    Hooks hooks,
    StepJudge judge) {}
