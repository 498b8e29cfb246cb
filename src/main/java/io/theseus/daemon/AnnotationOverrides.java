package io.theseus.daemon;

import io.theseus.api.ApiException;
import io.theseus.api.OverrideBody;
import io.theseus.controller.Overrides;
import io.theseus.controller.UnknownRolloutException;
import io.theseus.kube.CanaryRolloutResource;
import io.theseus.kube.CanaryRollouts;
import io.theseus.kube.KubeApiException;
import io.theseus.kube.KubeEvents;
import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.OverrideOutcome;
import io.theseus.rollout.OverrideRequest;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubectl path of the manual override: {@code theseus.io/override: <action>} plus {@code
 * theseus.io/override-reason: <text>} on a CanaryRollout this replica runs. Whoever may patch the
 * CanaryRollout may override it (RBAC on the resource is the check). The pair is checked by the
 * API's rules ({@link OverrideBody#of}) and a valid one goes through the same {@link Overrides} as
 * an API call, so it is recorded in status, counted and gets its Event the same way; the caller is
 * recorded as {@code annotation:<field manager that set the annotation>} ({@code kubectl} when the
 * server recorded none). Then both annotations are removed with a JSON Patch that tests their
 * values, so an annotation changed in between survives and is handled on the next pass.
 *
 * <p>Idempotent: when the removal fails the next pass submits the same action again, which the
 * engine answers as a repeat without a second transition. A pair that is not valid, or an action
 * not valid in the rollout's phase, is not applied: it is removed and reported by a Warning Event
 * {@code OverrideRejected} naming the annotation at fault (recorded after the removal, so a pass
 * working from a stale list cannot report it twice). A lone reason waits for its action.
 */
final class AnnotationOverrides {

  /** The annotation naming the action. */
  static final String ACTION = "theseus.io/override";

  /** The annotation saying why. */
  static final String REASON = "theseus.io/override-reason";

  private static final Logger LOG = LoggerFactory.getLogger(AnnotationOverrides.class);

  private final Overrides overrides;
  private final CanaryRollouts rollouts;
  private final KubeEvents events;
  private final Set<CanaryRef> inFlight = ConcurrentHashMap.newKeySet();

  /** Per rollout, the resourceVersion whose annotations were handled and removed. */
  private final Map<CanaryRef, String> handled = new ConcurrentHashMap<>();

  AnnotationOverrides(Overrides overrides, CanaryRollouts rollouts, KubeEvents events) {
    this.overrides = overrides;
    this.rollouts = rollouts;
    this.events = events;
  }

  /**
   * Handles the override annotations of a rollout this replica runs, if it carries any. Skips a
   * rollout whose annotations are being handled, and a copy of the resource whose annotations were
   * already handled and removed (a list read before the removal). Safe from any thread.
   *
   * @return true once handled or skipped, false when the annotations are still to be handled (a
   *     failure, logged): the caller should run a pass again soon, since no watch event will say
   *     so; never fails
   */
  Future<Boolean> apply(CanaryRolloutResource resource) {
    CanaryRef ref = resource.ref();
    if (!resource.annotations().containsKey(ACTION)
        || Objects.equals(handled.get(ref), resource.resourceVersion())
        || !inFlight.add(ref)) {
      return Future.succeededFuture(true);
    }
    return submit(resource)
        .compose(rejection -> remove(resource).map(rejection))
        .compose(rejection -> report(resource, rejection))
        .map(true)
        .recover(e -> failed(ref, e))
        .onComplete(done -> inFlight.remove(ref));
  }

  /**
   * Submits a valid pair; the outcome is why it was not applied, empty when it was (or repeats).
   */
  private Future<Optional<String>> submit(CanaryRolloutResource resource) {
    Map<String, String> annotations = resource.annotations();
    OverrideBody body;
    try {
      body = OverrideBody.of(ACTION, annotations.get(ACTION), REASON, annotations.get(REASON));
    } catch (ApiException invalid) {
      return Future.succeededFuture(Optional.of(invalid.getMessage()));
    }
    String by = "annotation:" + resource.annotationManagers().getOrDefault(ACTION, "kubectl");
    CanaryRef ref = resource.ref();
    return overrides
        .override(ref, new OverrideRequest(body.action(), body.reason(), by))
        .map(
            outcome -> {
              LOG.info("{}: {} by {} (annotation): {}", ref, body.action(), by, outcome.summary());
              return outcome instanceof OverrideOutcome.Rejected rejected
                  ? Optional.of(ACTION + ": " + rejected.reason())
                  : Optional.empty();
            });
  }

  private Future<Void> remove(CanaryRolloutResource resource) {
    Map<String, String> seen = new HashMap<>();
    for (String key : new String[] {ACTION, REASON}) {
      String value = resource.annotations().get(key);
      if (value != null) {
        seen.put(key, value);
      }
    }
    return rollouts
        .removeAnnotations(resource.ref(), seen)
        .onSuccess(v -> handled.put(resource.ref(), String.valueOf(resource.resourceVersion())));
  }

  private Future<Void> report(CanaryRolloutResource resource, Optional<String> rejection) {
    if (rejection.isEmpty()) {
      return Future.succeededFuture();
    }
    LOG.warn("{}: override annotation not applied: {}", resource.ref(), rejection.get());
    return events.record(
        RolloutEvents.subject(resource.ref(), resource.uid()),
        KubeEvents.Type.Warning,
        "OverrideRejected",
        "not applied, annotations removed: " + rejection.get());
  }

  private static Future<Boolean> failed(CanaryRef ref, Throwable failure) {
    if (failure instanceof KubeApiException api && api.code() == 422) {
      LOG.info("{}: override annotations changed since read; next pass handles them", ref);
    } else if (failure instanceof UnknownRolloutException) {
      LOG.debug("{}: override annotation waits for the rollout's controller to start", ref);
    } else {
      LOG.warn("{}: override annotation: {}; retried on the next pass", ref, failure.getMessage());
    }
    return Future.succeededFuture(false);
  }
}
