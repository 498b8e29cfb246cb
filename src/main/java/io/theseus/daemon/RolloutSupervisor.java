package io.theseus.daemon;

import io.theseus.controller.CanaryController;
import io.theseus.controller.Overrides;
import io.theseus.controller.RolloutQueries;
import io.theseus.controller.RolloutView;
import io.theseus.controller.UnknownRolloutException;
import io.theseus.kube.CanaryRolloutResource;
import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.OverrideOutcome;
import io.theseus.rollout.OverrideRequest;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link CanaryController} running per CanaryRollout while this replica leads. The
 * CanaryRollouts come from an informer's cache: every change it reports (and, as a backstop, every
 * resync period) triggers a pass over the whole cache (level-triggered: each pass is idempotent, so
 * a replayed or coalesced event cannot matter), which turns each rollout into a plan (resolving
 * what a spec omits: a version from its Deployment's pod template, a Deployment from its version
 * label) and starts, restarts (spec generation changed) or stops controllers to match; what was
 * found is recorded in the status ({@link ResolvedStatus}). An invalid spec that never ran is
 * marked Failed with the fields named; a running rollout whose spec becomes invalid goes on with
 * its last valid spec, and a finished rollout does not restart on an edit, both told through {@link
 * SpecNotices}. One rollout acts on a Service at a time ({@link ServiceClaims}). Losing leadership
 * stops every controller at once, so their ticks are cancelled (one in flight is retired: it writes
 * nothing); a standby keeps its informer and passes running, to be ready to take over.
 *
 * <p>All state is confined to this verticle's context; informer events and leadership changes
 * arrive on it.
 */
public final class RolloutSupervisor extends VerticleBase implements RolloutQueries, Overrides {

  private static final Logger LOG = LoggerFactory.getLogger(RolloutSupervisor.class);
  private static final Duration RETRY = Duration.ofSeconds(2);

  private final SupervisorPorts ports;
  private final DeploymentVersions versions;
  private final ResolvedStatus resolved;
  private final SpecNotices notices;
  private final Clock clock;
  private final Map<CanaryRef, Running> running = new ConcurrentHashMap<>();

  /** The kubectl override path: handed every running rollout's resource on each pass. */
  private final AnnotationOverrides annotations;

  private volatile boolean synced;
  private boolean leading;
  private boolean resyncing;
  private boolean again;
  private long timer = -1;
  private long retryTimer = -1;

  public RolloutSupervisor(SupervisorPorts ports, Clock clock) {
    this.ports = ports;
    this.versions = new DeploymentVersions(ports.templateLabels(), ports.serviceSelector());
    this.resolved = new ResolvedStatus(ports.updateStatus());
    this.clock = clock;
    this.annotations = ports.annotations().apply(this);
    this.notices = new SpecNotices(ports, clock);
  }

  private record Running(CanaryController controller, RolloutPlan plan, String deployment) {
    long generation() {
      return plan.generation();
    }
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(ports.resyncPeriod().toMillis(), id -> resync());
    ports.rollouts().start(context, this::resync).onSuccess(listed -> resync());
    return Future.succeededFuture();
  }

  /**
   * True once the informer has listed the CanaryRollouts and a pass has reconciled them. Safe from
   * any thread.
   */
  public boolean synced() {
    return synced;
  }

  /**
   * Starts ({@code true}) or stops acting. Stopping undeploys every controller at once: no further
   * tick starts, and one already in flight writes and moves nothing ({@link
   * CanaryController#stop}).
   */
  public void lead(boolean lead) {
    context.runOnContext(
        v -> {
          leading = lead;
          if (lead) {
            resync();
          } else {
            stopAll("this replica stopped leading");
            resolved.retain(Set.of()); // a later leader may have changed the status
            notices.retain(Set.of());
          }
        });
  }

  /** One pass over the cache; a trigger during a pass runs one more pass after it. */
  private void resync() {
    if (!ports.rollouts().synced()) {
      return; // the pass when the informer has listed them follows
    }
    if (resyncing) {
      again = true;
      return;
    }
    resyncing = true;
    again = false;
    ports
        .rollouts()
        .list()
        .compose(versions::readAll)
        .compose(found -> vertx.executeBlocking(() -> ports.specs().plans(found), false))
        .onSuccess(this::reconcile)
        .onFailure(
            e ->
                LOG.warn(
                    "CanaryRollouts: pass failed, retried on the next change or resync: {}",
                    e.getMessage()))
        .onComplete(
            done -> {
              resyncing = false;
              if (again) {
                resync();
              }
            });
  }

  private void reconcile(Map<CanaryRolloutResource, Object> plans) {
    synced = true;
    if (!leading) {
      return;
    }
    Map<CanaryRef, CanaryRef> waiting = ServiceClaims.waiting(plans, running::containsKey);
    Set<CanaryRef> seen = new HashSet<>();
    plans.forEach(
        (resource, plan) -> {
          seen.add(resource.ref());
          CanaryRef holder = waiting.get(resource.ref());
          InvalidSpecException problem =
              holder != null
                  ? ServiceClaims.problem(resource, holder)
                  : plan instanceof RolloutPlan valid
                      ? swapped(resource, valid)
                      : (InvalidSpecException) plan;
          if (problem != null) {
            reject(resource, problem);
          } else {
            run(resource, (RolloutPlan) plan);
          }
        });
    resolved.retain(seen);
    notices.retain(seen);
    new ArrayList<>(running.keySet())
        .stream()
            .filter(ref -> !seen.contains(ref))
            .forEach(ref -> stop(ref, "its CanaryRollout was deleted"));
  }

  /** Why {@code plan} may not replace the running one's versions, or null. */
  private InvalidSpecException swapped(CanaryRolloutResource resource, RolloutPlan plan) {
    Running now = running.get(resource.ref());
    return now == null || DeploymentVersions.ended(resource)
        ? null
        : plan.versionsChangedFrom(now.plan());
  }

  /**
   * Runs {@code plan}, unless the rollout ended under an earlier generation: a finished rollout
   * does not restart on a spec edit (its controller, if any, stays), which is reported.
   */
  private void run(CanaryRolloutResource resource, RolloutPlan plan) {
    boolean finishedEarlier =
        DeploymentVersions.ended(resource) && !DeploymentVersions.finished(resource);
    if (finishedEarlier) {
      notices.finishedEdited(resource);
    } else {
      notices.applied(resource);
    }
    if (!finishedEarlier || !running.containsKey(plan.spec().ref())) {
      ensureRunning(plan);
    }
    resolved
        .record(resource, plan)
        .onSuccess(settled -> context.runOnContext(v -> retryUnless(settled)));
    overrides(resource);
  }

  private void overrides(CanaryRolloutResource resource) {
    annotations
        .apply(resource)
        .onSuccess(settled -> context.runOnContext(v -> retryUnless(settled)));
  }

  /**
   * Runs a pass soon when override annotations are still to be handled (their removal failed, or
   * the rollout's controller was not up yet) or a {@code status.resolved} record failed: nothing in
   * the cluster changes, so no watch event would start one before the resync period.
   */
  private void retryUnless(boolean settled) {
    if (settled || retryTimer != -1) {
      return;
    }
    long delay = Math.min(RETRY.toMillis(), ports.resyncPeriod().toMillis());
    retryTimer =
        vertx.setTimer(
            delay,
            id -> {
              retryTimer = -1;
              resync();
            });
  }

  private void ensureRunning(RolloutPlan plan) {
    CanaryRef ref = plan.spec().ref();
    Running now = running.get(ref);
    if (now != null && now.generation() == plan.generation()) {
      return;
    }
    if (now != null) {
      stop(ref, "its spec changed (generation " + plan.generation() + ")");
    }
    CanaryController controller = new CanaryController(ports.rolloutPorts().apply(plan), clock);
    ports.listeners().apply(plan).forEach(controller::listen);
    running.put(ref, new Running(controller, plan, null));
    vertx
        .deployVerticle(controller)
        .onSuccess(id -> started(ref, controller, plan, id))
        .onFailure(e -> running.remove(ref, running.get(ref)));
  }

  private void started(CanaryRef ref, CanaryController controller, RolloutPlan plan, String id) {
    Running entry = running.get(ref);
    if (entry == null || entry.controller() != controller || !leading) {
      vertx.undeploy(id); // stopped or replaced while deploying
      return;
    }
    running.put(ref, new Running(controller, plan, id));
    LOG.info("{}: running (generation {})", ref, plan.generation());
    controller.add(plan.spec()).onFailure(e -> LOG.debug("{}: {}", ref, e.getMessage()));
  }

  /**
   * A running rollout goes on with its last valid spec (stopping would strand traffic unjudged).
   */
  private void reject(CanaryRolloutResource resource, InvalidSpecException problem) {
    CanaryRef ref = resource.ref();
    Running now = running.get(ref);
    if (now != null) {
      notices.held(resource, now.generation(), problem.problems());
      overrides(resource);
      return;
    }
    notices.rejected(resource, problem.problems());
  }

  private void stop(CanaryRef ref, String why) {
    Running entry = running.remove(ref);
    if (entry != null && entry.deployment() != null) {
      LOG.info("{}: stopped: {}", ref, why);
      vertx.undeploy(entry.deployment());
    }
  }

  private void stopAll(String why) {
    new ArrayList<>(running.keySet()).forEach(ref -> stop(ref, why));
  }

  @Override
  public List<RolloutView> rollouts() {
    return running.values().stream()
        .flatMap(r -> r.controller().rollouts().stream())
        .sorted(Comparator.comparing(v -> v.spec().ref().path()))
        .toList();
  }

  /** Hands the override to the rollout's controller; unknown when this replica does not run it. */
  @Override
  public Future<OverrideOutcome> override(CanaryRef ref, OverrideRequest request) {
    Running r = running.get(ref);
    return r == null
        ? Future.failedFuture(new UnknownRolloutException(ref))
        : r.controller().override(ref, request);
  }

  @Override
  public Optional<RolloutView> rollout(CanaryRef ref) {
    return Optional.ofNullable(running.get(ref)).flatMap(r -> r.controller().rollout(ref));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    vertx.cancelTimer(retryTimer);
    leading = false;
    stopAll("the daemon is stopping");
    return ports.rollouts().stop();
  }
}
