package io.theseus.controller;

import io.theseus.config.HookSpec;
import io.theseus.config.HookStage;
import io.theseus.hook.HookContext;
import io.theseus.rollout.HookOutcome;
import io.theseus.rollout.Observation;
import io.theseus.rollout.Observation.HooksRan;
import io.theseus.rollout.Observation.WorkloadSeen;
import io.theseus.rollout.OverrideOutcome;
import io.theseus.rollout.OverrideRequest;
import io.theseus.rollout.RolloutSpec;
import io.theseus.rollout.RolloutStateMachine;
import io.theseus.rollout.RolloutStatus;
import io.theseus.workload.WorkloadRef;
import io.theseus.workload.WorkloadState;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tick of one rollout, as a flat pipeline: read the persisted status, converge routes and
 * workloads to it, observe what the phase needs, decide the next status (pure), persist it, and
 * only then converge to the new status. Everything is recomputed from spec, persisted status and
 * fresh observations, so a repeated or resumed tick is harmless. The write is conditional on the
 * status the tick read, so a tick overtaken by another writer (a new leader) changes nothing.
 */
public final class AnalysisRun {

  private static final Logger LOG = LoggerFactory.getLogger(AnalysisRun.class);

  private final RolloutSpec spec;
  private final RolloutPorts ports;
  private final Clock clock;
  private final RolloutStateMachine machine;
  private final Convergence convergence;
  private final EvidenceCollector evidence;
  private volatile boolean retired;

  /**
   * @param spec the rollout
   * @param ports what it talks through
   * @param clock the engine's clock (a test clock in tests)
   * @param offload where the judge's CPU-heavy work runs
   */
  public AnalysisRun(RolloutSpec spec, RolloutPorts ports, Clock clock, Offload offload) {
    this.spec = spec;
    this.ports = ports;
    this.clock = clock;
    this.machine = new RolloutStateMachine(spec);
    this.convergence = new Convergence(spec, ports.router(), ports.workloads());
    this.evidence = new EvidenceCollector(spec, ports.metrics(), ports.judge(), offload);
  }

  /** The rollout this run ticks. */
  public RolloutSpec spec() {
    return spec;
  }

  /** Runs one tick and returns the status it persisted (or the terminal status it found). */
  public Future<RolloutStatus> tick() {
    return stored()
        .compose(
            read -> {
              RolloutStatus before = orCreated(read);
              return before.phase().terminal()
                  ? Future.succeededFuture(before)
                  : step(read, before);
            });
  }

  /**
   * Retires this run (its controller stopped: leadership lost, spec changed, CR deleted): a tick in
   * flight persists nothing more and moves no route or workload. Its decision was made for a
   * rollout this replica no longer runs; the next leader (or controller) decides afresh.
   */
  public void retire() {
    retired = true;
  }

  /**
   * Applies a manual override to the persisted status: an applied one is persisted, then routes and
   * workloads converge to it exactly as after a tick's transition. The caller makes sure no tick of
   * this rollout runs meanwhile.
   */
  public Future<OverrideOutcome> override(OverrideRequest request) {
    return stored()
        .compose(
            read -> {
              RolloutStatus before = orCreated(read);
              OverrideOutcome outcome = machine.override(before, request, clock.instant());
              LOG.info(
                  "{}: override {} by {}: {}",
                  spec.ref(),
                  request.action(),
                  request.by(),
                  outcome.summary());
              if (outcome instanceof OverrideOutcome.Applied applied) {
                return persist(read, applied.status())
                    .compose(after -> convergeIfMoved(before, after).recover(e -> later(after, e)))
                    .map(outcome);
              }
              return Future.succeededFuture(outcome);
            });
  }

  /** The persisted status, or a fresh Pending one for a rollout never seen before. */
  public Future<RolloutStatus> load() {
    return stored().map(this::orCreated);
  }

  /** What the store holds, kept as read: the condition of this tick's write. */
  private Future<Optional<RolloutStatus>> stored() {
    return ports.store().read(spec.ref());
  }

  private RolloutStatus orCreated(Optional<RolloutStatus> read) {
    return read.orElseGet(() -> RolloutStatus.created(clock.instant()));
  }

  private Future<RolloutStatus> step(Optional<RolloutStatus> read, RolloutStatus before) {
    return convergence
        .apply(before, false)
        .recover(e -> unconverged(read, before, e))
        .compose(v -> observe(before))
        .map(seen -> logOutageStart(before, seen, machine.next(before, seen, clock.instant())))
        .compose(after -> persist(read, after))
        .compose(after -> convergeIfMoved(before, after));
  }

  /**
   * A failed convergence fails the tick (the next one retries), unless the phase's deadline has
   * passed: then the rollout moves on (rollback, or Failed) and the tick still fails, carrying the
   * cause, once that transition is persisted and converged.
   */
  private Future<Void> unconverged(
      Optional<RolloutStatus> read, RolloutStatus before, Throwable e) {
    RolloutStatus after = machine.unconverged(before, clock.instant(), e.getMessage());
    if (after == before) {
      return Future.failedFuture(e);
    }
    LOG.warn("{}: {} -> {}: {}", spec.ref(), before.phase(), after.phase(), after.reason());
    return persist(read, after)
        .compose(persisted -> convergeIfMoved(before, persisted))
        .transform(done -> Future.failedFuture(e));
  }

  /** An outage is logged once, with its cause, when it begins: status keeps only its start. */
  private RolloutStatus logOutageStart(
      RolloutStatus before, Observation seen, RolloutStatus after) {
    if (before.outageSince() == null
        && after.outageSince() != null
        && seen instanceof Observation.Analysed analysed) {
      LOG.warn("{}: metrics outage, weights frozen: {}", spec.ref(), analysed.outage());
    }
    return after;
  }

  /**
   * A persisted override is applied even when the routes cannot follow yet: every tick converges to
   * the persisted status first, so the next one retries. Failing here would report an applied
   * override as failed.
   */
  private Future<RolloutStatus> later(RolloutStatus after, Throwable e) {
    LOG.warn(
        "{}: override persisted as {}; converging failed, the next tick retries: {}",
        spec.ref(),
        after.phase(),
        e.getMessage());
    return Future.succeededFuture(after);
  }

  private Future<Observation> observe(RolloutStatus status) {
    return switch (status.phase()) {
      case PENDING -> seen(spec.stable().workload());
      case INITIALIZING, FINALIZING -> seen(spec.canary().workload());
      case DARK_CANARY, PROMOTING -> smoke(status).map(HooksRan::new);
      case BASELINE, PROGRESSING ->
          stepHooks(status)
              .compose(hooks -> evidence.analyse(status, hooks, clock.instant()))
              .map(Observation.class::cast);
      case PAUSED -> evidence.analyse(status, null, clock.instant()).map(Observation.class::cast);
      case ROLLING_BACK -> evidence.drained(status, clock.instant()).map(Observation.class::cast);
      case SUCCEEDED, ROLLED_BACK, FAILED ->
          Future.failedFuture(
              new IllegalStateException(spec.ref() + ": terminal phase " + status.phase()));
    };
  }

  private Future<Observation> seen(String workload) {
    return ports
        .workloads()
        .read(new WorkloadRef(spec.ref().namespace(), workload))
        .map(AnalysisRun::asSeen);
  }

  private static Observation asSeen(WorkloadState w) {
    return new WorkloadSeen(w.exists(), w.replicas(), w.available(), w.revision());
  }

  private Future<HookOutcome> smoke(RolloutStatus status) {
    return ports.hooks().run(hooksOf(List.of(HookStage.SMOKE)), context(status));
  }

  /** Smoke and performance hooks once per step; null when this step's hooks already passed. */
  private Future<HookOutcome> stepHooks(RolloutStatus status) {
    if (status.step().hooksPassed()) {
      return Future.succeededFuture(null);
    }
    return ports
        .hooks()
        .run(hooksOf(List.of(HookStage.SMOKE, HookStage.PERFORMANCE)), context(status));
  }

  private List<HookSpec> hooksOf(List<HookStage> stages) {
    return spec.analysis().hooks().stream().filter(h -> stages.contains(h.stage())).toList();
  }

  private HookContext context(RolloutStatus status) {
    return new HookContext(
        spec.ref(),
        status.phase().display(),
        status.step().weight(),
        spec.service().url(),
        spec.analysis().darkCanaryHeader(),
        spec.ref().name());
  }

  /**
   * Persists {@code after} only over the status it was decided from ({@code read}): a tick that
   * outlived its replica's leadership (hooks and API timeouts can take far longer than the Lease
   * gap) must not write its stale decision over the new leader's, nor act on it afterwards.
   */
  private Future<RolloutStatus> persist(Optional<RolloutStatus> read, RolloutStatus after) {
    return inCharge().compose(v -> ports.store().write(spec.ref(), read, after)).map(after);
  }

  /** Cheap leadership check before a side effect: the controller retires runs it stops. */
  private Future<Void> inCharge() {
    return retired
        ? Future.failedFuture(
            new IllegalStateException(
                spec.ref() + ": stopped (no longer leading, or replaced): tick result dropped"))
        : Future.succeededFuture();
  }

  private Future<RolloutStatus> convergeIfMoved(RolloutStatus before, RolloutStatus after) {
    boolean moved =
        before.phase() != after.phase() || before.canaryWeight() != after.canaryWeight();
    if (!moved) {
      return Future.succeededFuture(after);
    }
    LOG.info(
        "{}: {} {}% -> {} {}%: {}",
        spec.ref(),
        before.phase(),
        before.canaryWeight(),
        after.phase(),
        after.canaryWeight(),
        after.reason());
    return inCharge().compose(v -> convergence.apply(after, true)).map(after);
  }
}
