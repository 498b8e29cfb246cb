package io.theseus.daemon;

import io.theseus.controller.RolloutListener;
import io.theseus.controller.RolloutView;
import io.theseus.kube.CanaryRollouts;
import io.theseus.kube.KubeEvents;
import io.theseus.kube.KubeRef;
import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.OverrideAction;
import io.theseus.rollout.OverrideRecord;
import io.theseus.rollout.RolloutPhase;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Kubernetes Events on the CanaryRollout: one whenever its phase changes (a Warning for a
 * rollback or failure), and one per applied manual override, reason {@code Override<Action>}
 * ({@code OverridePause}; a Warning for a rollback) naming who, why and the phase before and after.
 * Events are best effort: a failed write is logged, never fails a tick or an override.
 */
final class RolloutEvents implements RolloutListener {

  private static final Logger LOG = LoggerFactory.getLogger(RolloutEvents.class);

  private final KubeEvents events;
  private final KubeEvents.Subject subject;
  private RolloutPhase last;

  RolloutEvents(KubeEvents events, RolloutPlan plan) {
    this.events = events;
    this.subject = subject(plan.spec().ref(), plan.uid());
  }

  /** The CanaryRollout {@code ref} (uid {@code uid}) as the subject of an Event. */
  static KubeEvents.Subject subject(CanaryRef ref, String uid) {
    return new KubeEvents.Subject(
        CanaryRollouts.API_VERSION, new KubeRef("CanaryRollout", ref.namespace(), ref.name()), uid);
  }

  @Override
  public void onTick(RolloutView view) {
    RolloutPhase phase = view.status().phase();
    if (phase == last || view.lastError() != null) {
      return;
    }
    boolean first = last == null;
    last = phase;
    if (first && phase != RolloutPhase.PENDING && phase != RolloutPhase.INITIALIZING) {
      return; // resumed by this replica: the change was recorded when it happened
    }
    boolean bad =
        phase == RolloutPhase.ROLLING_BACK
            || phase == RolloutPhase.ROLLED_BACK
            || phase == RolloutPhase.FAILED;
    String message =
        phase.display() + " at " + view.status().canaryWeight() + "%: " + view.status().reason();
    logged(
        view.spec().ref(),
        events.record(
            subject,
            bad ? KubeEvents.Type.Warning : KubeEvents.Type.Normal,
            phase.display(),
            message));
  }

  @Override
  public void onOverride(CanaryRef ref, OverrideRecord record) {
    OverrideAction action = record.action();
    String message =
        "%s by %s: %s (%s -> %s)"
            .formatted(
                action.wire(),
                record.by(),
                record.reason(),
                record.phaseBefore().display(),
                record.phaseAfter().display());
    logged(
        ref,
        events.record(
            subject,
            action == OverrideAction.ROLLBACK ? KubeEvents.Type.Warning : KubeEvents.Type.Normal,
            reason(action),
            message));
  }

  /** {@code OverridePromote}, {@code OverrideRollback}, ... */
  private static String reason(OverrideAction action) {
    String wire = action.wire();
    return "Override" + Character.toUpperCase(wire.charAt(0)) + wire.substring(1);
  }

  private static void logged(CanaryRef ref, Future<Void> recorded) {
    recorded.onFailure(e -> LOG.warn("{}: recording an Event failed: {}", ref, e.getMessage()));
  }
}
