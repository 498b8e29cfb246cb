package io.theseus.routing;

/**
 * The routing in force for a target, as read back from the mesh.
 *
 * @param weights the weighted default route
 * @param darkCanary whether the dark-canary header route is present (and first)
 */
public record RouteState(RouteWeights weights, boolean darkCanary) {}
