package io.theseus.kube;

import com.google.gson.JsonObject;
import io.theseus.rollout.CanaryRef;
import java.time.Instant;
import java.util.Map;

/**
 * A CanaryRollout custom resource as read from the API server.
 *
 * @param ref its namespace and name
 * @param uid its uid (Events name it)
 * @param generation its metadata.generation (bumped by spec changes only)
 * @param created its metadata.creationTimestamp (the epoch when the server sent none)
 * @param resourceVersion its metadata.resourceVersion (changes with every write), or null
 * @param spec its spec, never null (empty when missing)
 * @param status its status, never null (empty before the daemon first wrote it)
 * @param annotations its metadata.annotations, never null
 * @param annotationManagers for each annotation whose writer the server recorded in
 *     metadata.managedFields, the field manager that last set it ({@code kubectl-annotate})
 */
public record CanaryRolloutResource(
    CanaryRef ref,
    String uid,
    long generation,
    Instant created,
    String resourceVersion,
    JsonObject spec,
    JsonObject status,
    Map<String, String> annotations,
    Map<String, String> annotationManagers) {

  public CanaryRolloutResource {
    annotations = Map.copyOf(annotations);
    annotationManagers = Map.copyOf(annotationManagers);
  }
}
