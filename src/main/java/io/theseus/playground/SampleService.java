package io.theseus.playground;

import io.theseus.workload.WorkloadState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * One version of the playground's sample HTTP service, run as N replicas: each replica is its own
 * verticle and HTTP server on 127.0.0.1 and an ephemeral port. A replica answers every request
 * after a latency drawn from the version's current {@link VersionBehaviour} (a Vert.x timer, never
 * a sleep), with a 500 at the behaviour's error rate ({@link #HEALTH_PATH} excepted). Replicas can
 * be scaled like a Deployment's pods.
 *
 * <p>Thread-safety: {@link #scale} calls are serialised; the proxy may call {@link #nextReplica}
 * from any thread.
 */
public final class SampleService {

  /** Response header naming the version that answered. */
  public static final String VERSION_HEADER = "x-sample-version";

  /** The health endpoint: same latency as any request, never a simulated failure. */
  public static final String HEALTH_PATH = "/healthz";

  private final Vertx vertx;
  private final ServiceVersion spec;
  private final IntSupplier canaryWeight;
  private final AtomicInteger roundRobin = new AtomicInteger();
  private final long startNanos = System.nanoTime();
  private volatile List<SampleReplica> replicas = List.of();
  private volatile int desired;
  private volatile boolean removed;
  private Future<Void> lastScale = Future.succeededFuture();

  /**
   * @param canaryWeight reads the canary's current route weight (percent), for weight-triggered
   *     {@link BehaviourShift}s
   */
  public SampleService(Vertx vertx, ServiceVersion spec, IntSupplier canaryWeight) {
    this.vertx = vertx;
    this.spec = spec;
    this.canaryWeight = canaryWeight;
  }

  /** Its version, workload and behaviour. */
  public ServiceVersion spec() {
    return spec;
  }

  /**
   * Sets the number of replicas: starts new servers or closes surplus ones (taken out of the
   * round-robin first). Completes when every replica asked for listens or is closed.
   */
  public synchronized Future<Void> scale(int replicaCount) {
    if (replicaCount < 0) {
      return Future.failedFuture(
          new IllegalArgumentException("replicas: " + replicaCount + " must be >= 0"));
    }
    desired = replicaCount;
    removed = false;
    // Serialised: each call reconciles after the previous one, whatever its outcome.
    lastScale = lastScale.transform(previous -> reconcile());
    return lastScale;
  }

  /** Closes every replica and marks the workload as deleted. */
  public Future<Void> remove() {
    return scale(0)
        .map(
            v -> {
              removed = true;
              return null;
            });
  }

  /** The workload as a Deployment would report it. */
  public WorkloadState state() {
    if (removed) {
      return WorkloadState.ABSENT;
    }
    return new WorkloadState(true, desired, replicas.size(), spec.version());
  }

  /** The port of the next ready replica, round-robin; empty when none is ready. */
  public Optional<Integer> nextReplica() {
    List<SampleReplica> ready = replicas;
    if (ready.isEmpty()) {
      return Optional.empty();
    }
    int index = Math.floorMod(roundRobin.getAndIncrement(), ready.size());
    return Optional.of(ready.get(index).port());
  }

  private Future<Void> reconcile() {
    int target = desired;
    List<SampleReplica> current = replicas;
    if (target >= current.size()) {
      return startReplicas(current.size(), target);
    }
    replicas = List.copyOf(current.subList(0, target));
    List<Future<Void>> closing = new ArrayList<>();
    current
        .subList(target, current.size())
        .forEach(r -> closing.add(vertx.undeploy(r.deploymentID())));
    return Future.all(closing).mapEmpty();
  }

  private Future<Void> startReplicas(int from, int to) {
    List<Future<SampleReplica>> starting = new ArrayList<>();
    for (int i = from; i < to; i++) {
      var replica = new SampleReplica(new SplittableRandom(spec.seed() + i), this::respond);
      starting.add(vertx.deployVerticle(replica).map(replica));
    }
    return Future.all(starting)
        .map(
            all -> {
              List<SampleReplica> next = new ArrayList<>(replicas);
              next.addAll(all.list());
              replicas = List.copyOf(next);
              return null;
            });
  }

  /** Draws this request's outcome and answers after its latency. */
  private long respond(HttpServerRequest request, SplittableRandom random) {
    VersionBehaviour behaviour =
        spec.profile()
            .behaviourAt(canaryWeight.getAsInt(), Duration.ofNanos(System.nanoTime() - startNanos));
    long delayMs = Math.max(1, Math.round(behaviour.sampleLatencyMs(random)));
    // A health endpoint reports the process, not the request path's faults: smoke probes of
    // /healthz must not trip on the simulated error rate the judge is there to catch.
    boolean fail = !HEALTH_PATH.equals(request.path()) && behaviour.sampleError(random);
    return vertx.setTimer(delayMs, id -> answer(request, fail));
  }

  private void answer(HttpServerRequest request, boolean fail) {
    var body =
        new JsonObject().put("service", spec.workload().name()).put("version", spec.version());
    request
        .response()
        .setStatusCode(fail ? 500 : 200)
        .putHeader("content-type", "application/json")
        .putHeader(VERSION_HEADER, spec.version())
        .end(fail ? body.put("error", "simulated failure").encode() : body.encode());
  }
}
