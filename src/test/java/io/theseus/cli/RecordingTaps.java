package io.theseus.cli;

import io.theseus.routing.RouteState;
import io.theseus.routing.RouteTarget;
import io.theseus.routing.RouteWeights;
import io.theseus.routing.TrafficRouter;
import io.theseus.workload.WorkloadRef;
import io.theseus.workload.WorkloadState;
import io.theseus.workload.Workloads;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps the demo's real router and workloads and records, in order, every write the engine made
 * through them: {@code setWeights 25}, {@code reset}, {@code scale healthy-v1 1}, ...
 */
final class RecordingTaps {

  private final List<String> writes = new ArrayList<>();

  DemoEngine.Taps taps() {
    return new DemoEngine.Taps(Router::new, Recorded::new);
  }

  synchronized List<String> writes() {
    return List.copyOf(writes);
  }

  /** The canary weights written, a reset counting as 0. */
  synchronized List<Integer> canaryWeights() {
    List<Integer> weights = new ArrayList<>();
    for (String w : writes) {
      if (w.startsWith("setWeights ")) {
        weights.add(Integer.parseInt(w.substring("setWeights ".length())));
      } else if (w.equals("reset")) {
        weights.add(0);
      }
    }
    return weights;
  }

  private synchronized void record(String write) {
    writes.add(write);
  }

  private Future<Void> recorded(String write, Future<Void> done) {
    return done.onSuccess(v -> record(write));
  }

  private final class Router implements TrafficRouter {
    private final TrafficRouter real;

    Router(TrafficRouter real) {
      this.real = real;
    }

    @Override
    public Future<Void> initialize(RouteTarget target) {
      return recorded("initialize", real.initialize(target));
    }

    @Override
    public Future<Void> promote(RouteTarget target) {
      return recorded("promote", real.promote(target));
    }

    @Override
    public Future<Void> setDarkCanary(RouteTarget target, boolean enabled) {
      return recorded("setDarkCanary " + enabled, real.setDarkCanary(target, enabled));
    }

    @Override
    public Future<Void> setWeights(RouteTarget target, RouteWeights weights) {
      return recorded("setWeights " + weights.canary(), real.setWeights(target, weights));
    }

    @Override
    public Future<RouteState> read(RouteTarget target) {
      return real.read(target);
    }

    @Override
    public Future<Void> reset(RouteTarget target) {
      // Recorded when asked, not when done: the order of intent is what rollback promises.
      record("reset");
      return real.reset(target);
    }
  }

  private final class Recorded implements Workloads {
    private final Workloads real;

    Recorded(Workloads real) {
      this.real = real;
    }

    @Override
    public Future<WorkloadState> read(WorkloadRef ref) {
      return real.read(ref);
    }

    @Override
    public Future<Void> scale(WorkloadRef ref, int replicas) {
      record("scale " + ref.name() + " " + replicas);
      return real.scale(ref, replicas);
    }

    @Override
    public Future<Void> remove(WorkloadRef ref) {
      record("remove " + ref.name());
      return real.remove(ref);
    }
  }
}
