package io.theseus.controller;

import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.OverrideOutcome;
import io.theseus.rollout.OverrideRequest;
import io.theseus.rollout.RolloutSpec;
import io.theseus.rollout.RolloutStatus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Owns the rollouts of one engine: a periodic tick per rollout at its analysis interval, on this
 * verticle's event loop. A tick that is still running when the next one is due is skipped (and
 * counted), never run twice at once. A manual override waits for the tick in flight and holds off
 * the next one while it applies. When a rollout ends its timer stops. Stopping the controller
 * retires its runs: a tick still in flight then writes nothing and moves no traffic.
 */
public final class CanaryController extends VerticleBase implements RolloutQueries, Overrides {

  private final RolloutPorts ports;
  private final Clock clock;
  private final FailureHandler failures = new FailureHandler();
  private final Map<CanaryRef, Tracked> tracked = new ConcurrentHashMap<>();
  private final Set<CanaryRef> inFlight = ConcurrentHashMap.newKeySet();
  private final List<RolloutListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong skippedTicks = new AtomicLong();

  public CanaryController(RolloutPorts ports, Clock clock) {
    this.ports = ports;
    this.clock = clock;
  }

  /** Adds a listener told after every tick of every rollout. */
  public void listen(RolloutListener listener) {
    listeners.add(listener);
  }

  /**
   * Starts running a rollout: it resumes from its persisted status if there is one, ticks right
   * away and then every interval.
   *
   * @return completes with the terminal status when the rollout ends; fails when the controller
   *     stops first
   */
  public Future<RolloutStatus> add(RolloutSpec spec) {
    Promise<RolloutStatus> done = Promise.promise();
    context.runOnContext(v -> begin(spec, done));
    return done.future();
  }

  private void begin(RolloutSpec spec, Promise<RolloutStatus> done) {
    AnalysisRun run = new AnalysisRun(spec, ports, clock, Offload.workers(vertx));
    Tracked rollout = new Tracked(run, done);
    tracked.put(spec.ref(), rollout);
    rollout.timer =
        vertx.setPeriodic(
            1, spec.analysis().interval().toMillis(), id -> tickOnContext(spec.ref()));
  }

  /**
   * Runs one tick of a rollout now, on this controller's context as its timer does, unless a tick
   * or override of it is in flight.
   *
   * @return the status after the tick (the cached one when skipped); fails when the tick failed
   *     (already logged; the next tick retries)
   */
  public Future<RolloutStatus> tick(CanaryRef ref) {
    Promise<RolloutStatus> result = Promise.promise();
    context.runOnContext(v -> tickOnContext(ref).onComplete(result));
    return result.future();
  }

  /**
   * The in-flight guard and {@code busy} are only touched on the context: a tick started from
   * another thread could complete before it published {@code busy}, and an override would then wait
   * for an older, finished tick instead of this one.
   */
  private Future<RolloutStatus> tickOnContext(CanaryRef ref) {
    Tracked rollout = tracked.get(ref);
    if (rollout == null) {
      return Future.failedFuture(new IllegalArgumentException(ref + ": not tracked"));
    }
    if (!inFlight.add(ref)) {
      skippedTicks.incrementAndGet();
      return Future.succeededFuture(rollout.view == null ? null : rollout.view.status());
    }
    long started = System.nanoTime();
    Future<RolloutStatus> ticking =
        rollout
            .run
            .tick()
            .onComplete(ar -> inFlight.remove(ref))
            .onSuccess(status -> ticked(rollout, status, since(started)))
            .onFailure(failure -> failed(rollout, failure, since(started)));
    rollout.busy = ticking;
    return ticking;
  }

  @Override
  public Future<OverrideOutcome> override(CanaryRef ref, OverrideRequest request) {
    Tracked rollout = tracked.get(ref);
    if (rollout == null) {
      return Future.failedFuture(new UnknownRolloutException(ref));
    }
    Promise<OverrideOutcome> outcome = Promise.promise();
    context.runOnContext(v -> afterBusy(rollout, request).onComplete(outcome));
    return outcome.future();
  }

  /**
   * Queues the override behind the rollout's tick or override in flight; it then holds the
   * in-flight guard itself, so timer ticks are skipped until it has converged.
   */
  private Future<OverrideOutcome> afterBusy(Tracked rollout, OverrideRequest request) {
    CanaryRef ref = rollout.run.spec().ref();
    Future<OverrideOutcome> applying =
        rollout
            .busy
            .transform(previous -> Future.<Void>succeededFuture())
            .compose(v -> guarded(rollout, request))
            .onComplete(ar -> inFlight.remove(ref));
    rollout.busy = applying;
    return applying;
  }

  private Future<OverrideOutcome> guarded(Tracked rollout, OverrideRequest request) {
    CanaryRef ref = rollout.run.spec().ref();
    inFlight.add(ref);
    long started = System.nanoTime();
    return rollout
        .run
        .override(request)
        .onSuccess(
            outcome -> {
              if (outcome instanceof OverrideOutcome.Applied applied) {
                listeners.forEach(l -> l.onOverride(ref, applied.record()));
                ticked(rollout, applied.status(), since(started));
              }
            });
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  private void ticked(Tracked rollout, RolloutStatus status, Duration took) {
    publish(rollout, new RolloutView(rollout.run.spec(), status, clock.instant(), null, took));
    if (status.phase().terminal()) {
      vertx.cancelTimer(rollout.timer);
      rollout.done.tryComplete(status);
    }
  }

  private void failed(Tracked rollout, Throwable failure, Duration took) {
    String why = failures.handle(rollout.run.spec().ref(), failure);
    RolloutStatus last = rollout.view == null ? null : rollout.view.status();
    if (last != null) {
      publish(rollout, new RolloutView(rollout.run.spec(), last, clock.instant(), why, took));
    }
  }

  private void publish(Tracked rollout, RolloutView view) {
    rollout.view = view;
    listeners.forEach(l -> l.onTick(view));
  }

  /** Ticks skipped because the previous tick of the same rollout was still running. */
  public long skippedTicks() {
    return skippedTicks.get();
  }

  @Override
  public List<RolloutView> rollouts() {
    return tracked.values().stream()
        .map(t -> t.view)
        .filter(v -> v != null)
        .sorted(Comparator.comparing(v -> v.spec().ref().path()))
        .toList();
  }

  @Override
  public Optional<RolloutView> rollout(CanaryRef ref) {
    return Optional.ofNullable(tracked.get(ref)).map(t -> t.view);
  }

  @Override
  public Future<?> stop() {
    tracked
        .values()
        .forEach(
            t -> {
              vertx.cancelTimer(t.timer);
              t.run.retire(); // a tick in flight must not act for a replica that stopped leading
              t.done.tryFail("the engine stopped before " + t.run.spec().ref() + " ended");
            });
    return Future.succeededFuture();
  }

  private static final class Tracked {
    final AnalysisRun run;
    final Promise<RolloutStatus> done;
    long timer;
    volatile RolloutView view;
    volatile Future<?> busy = Future.succeededFuture();

    Tracked(AnalysisRun run, Promise<RolloutStatus> done) {
      this.run = run;
      this.done = done;
    }
  }
}
