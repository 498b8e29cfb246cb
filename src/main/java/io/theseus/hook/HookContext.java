package io.theseus.hook;

import io.theseus.rollout.CanaryRef;

/**
 * What a hook needs to know about the rollout it checks.
 *
 * @param ref the rollout
 * @param phase the phase the hook runs in ({@code DarkCanary}, {@code Progressing}, ...)
 * @param weight the canary weight in force, in percent
 * @param serviceUrl base URL of the service through the mesh, for the HTTP probe
 * @param darkCanaryHeader the header that routes a request to the canary
 * @param darkCanaryValue the value of that header that matches this rollout
 */
public record HookContext(
    CanaryRef ref,
    String phase,
    int weight,
    String serviceUrl,
    String darkCanaryHeader,
    String darkCanaryValue) {}
