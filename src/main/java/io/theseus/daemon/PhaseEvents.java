package io.theseus.daemon;

import io.theseus.controller.RolloutListener;
import io.theseus.controller.RolloutView;
import io.theseus.kube.CanaryRollouts;
import io.theseus.kube.KubeEvents;
import io.theseus.kube.KubeRef;
import io.theseus.rollout.RolloutPhase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a Kubernetes Event on the CanaryRollout whenever its phase changes (a Warning for a
 * rollback or failure). Events are best effort: a failed write is logged, never fails a tick.
 */
final class PhaseEvents implements RolloutListener {

  private static final Logger LOG = LoggerFactory.getLogger(PhaseEvents.class);

  private final KubeEvents events;
  private final KubeEvents.Subject subject;
  private RolloutPhase last;

  PhaseEvents(KubeEvents events, RolloutPlan plan) {
    this.events = events;
    var ref = plan.spec().ref();
    this.subject =
        new KubeEvents.Subject(
            CanaryRollouts.API_VERSION,
            new KubeRef("CanaryRollout", ref.namespace(), ref.name()),
            plan.uid());
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
    events
        .record(
            subject,
            bad ? KubeEvents.Type.Warning : KubeEvents.Type.Normal,
            phase.display(),
            phase.display()
                + " at "
                + view.status().step().weight()
                + "%: "
                + view.status().reason())
        .onFailure(
            e -> LOG.warn("{}: recording an Event failed: {}", view.spec().ref(), e.getMessage()));
  }
}
