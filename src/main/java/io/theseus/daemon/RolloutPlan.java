package io.theseus.daemon;

import io.theseus.rollout.RolloutSpec;

/**
 * A CanaryRollout turned into what the engine runs, plus the settings that choose its adapters.
 *
 * @param spec the engine's rollout spec
 * @param versionLabel the pod label the mesh subsets select on
 * @param cleanup what happens to the Deployment no longer needed ({@code delete}, {@code
 *     scale-to-zero})
 * @param generation the CR's metadata.generation this plan was made from
 * @param uid the CR's uid (Events name it)
 */
public record RolloutPlan(
    RolloutSpec spec, String versionLabel, String cleanup, long generation, String uid) {}
