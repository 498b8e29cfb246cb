package io.theseus.controller;

import io.theseus.hook.Hooks;
import io.theseus.rollout.HookOutcome;
import io.theseus.rollout.RolloutSpec;
import io.theseus.rollout.RolloutStatus;
import io.theseus.store.RolloutStore;
import io.theseus.testing.ManualClock;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One rollout wired to in-memory fakes, ticked by hand with the clock moved one interval a tick.
 */
final class Rig {

  final CallLog log = new CallLog();
  final RecordingRouter router = new RecordingRouter(log);
  final FakeWorkloads workloads =
      new FakeWorkloads(log).with("shop-v1", 3, "rev-1").with("shop-v2", 3, "rev-2");
  final FakeMetrics metrics;
  final RuleJudge judge = new RuleJudge();
  final ManualClock clock = new ManualClock();
  final List<RolloutStatus> statuses = new ArrayList<>();
  volatile Hooks hooks = (list, context) -> Future.succeededFuture(HookOutcome.pass("no hooks"));
  private RecordingStore store;
  private Offload offload = Rig::inline;
  private AnalysisRun run;

  Rig(double canaryErrorRate) {
    this(canaryErrorRate, null);
  }

  /** With {@code durable} (a real store) behind the recording one; null for memory. */
  Rig(double canaryErrorRate, RolloutStore durable) {
    this.metrics = new FakeMetrics(router, canaryErrorRate);
    this.store = durable == null ? new RecordingStore(log) : new RecordingStore(log, durable);
  }

  /** Replaces the durable store by a new instance (on the same files): a restarted process. */
  void reopen(RolloutStore durable) {
    store = new RecordingStore(log, durable);
  }

  /** Judges on worker threads of {@code vertx} from now on, as the controller does. */
  void offloadTo(io.vertx.core.Vertx vertx) {
    offload = Offload.workers(vertx);
  }

  private static <T> Future<T> inline(java.util.concurrent.Callable<T> work) {
    try {
      return Future.succeededFuture(work.call());
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  /** A fresh AnalysisRun on the same ports and store: what a restarted engine builds. */
  AnalysisRun restart(RolloutSpec spec) {
    Hooks delegating = (list, context) -> hooks.run(list, context);
    run =
        new AnalysisRun(
            spec,
            new RolloutPorts(store, router, workloads, metrics, delegating, judge),
            clock,
            offload);
    return run;
  }

  /** Ticks until {@code done} holds for the status (or {@code max} ticks), one interval apart. */
  Future<RolloutStatus> tickUntil(Predicate<RolloutStatus> done, int max) {
    return run.tick()
        .compose(
            status -> {
              statuses.add(status);
              clock.advance(run.spec().analysis().interval());
              return done.test(status) || max <= 1
                  ? Future.succeededFuture(status)
                  : tickUntil(done, max - 1);
            });
  }

  /** One tick, failed or not, then the clock moves one interval. */
  Future<RolloutStatus> tickAnyway() {
    return run.tick()
        .eventually(
            () -> {
              clock.advance(run.spec().analysis().interval());
              return Future.succeededFuture();
            });
  }

  /** The status the current run would start its next tick from. */
  Future<RolloutStatus> load() {
    return run.load();
  }

  /** Ticks until the rollout ends. */
  Future<RolloutStatus> tickToEnd() {
    return tickUntil(s -> s.phase().terminal(), 60);
  }

  List<String> phases() {
    return statuses.stream().map(s -> s.phase().display()).distinct().toList();
  }
}
