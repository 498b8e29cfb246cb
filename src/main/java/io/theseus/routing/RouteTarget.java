package io.theseus.routing;

/**
 * What a router routes for one rollout.
 *
 * @param namespace namespace of the service and its routing objects
 * @param service the host (Kubernetes Service name) whose traffic is split
 * @param stableVersion version label value of the stable workload (its subset)
 * @param canaryVersion version label value of the canary workload (its subset)
 * @param darkCanaryHeader header that sends a request to the canary whatever the weights
 * @param darkCanaryValue the header value that matches (the rollout's name by default)
 */
public record RouteTarget(
    String namespace,
    String service,
    String stableVersion,
    String canaryVersion,
    String darkCanaryHeader,
    String darkCanaryValue) {}
