package io.theseus.kube;

import com.google.gson.JsonObject;
import io.theseus.rollout.CanaryRef;

/**
 * A CanaryRollout custom resource as read from the API server.
 *
 * @param ref its namespace and name
 * @param uid its uid (Events name it)
 * @param generation its metadata.generation (bumped by spec changes only)
 * @param spec its spec, never null (empty when missing)
 * @param status its status, never null (empty before the daemon first wrote it)
 */
public record CanaryRolloutResource(
    CanaryRef ref, String uid, long generation, JsonObject spec, JsonObject status) {}
