package io.theseus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.config.HookSpec;
import io.theseus.config.HookStage;
import io.theseus.controller.RolloutView;
import io.theseus.hook.HookContext;
import io.theseus.hook.HookRunner;
import io.theseus.playground.Playground;
import io.theseus.playground.PlaygroundSpec;
import io.theseus.playground.QueryAnswer;
import io.theseus.playground.Scenario;
import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.RolloutPhase;
import io.theseus.yaml.AnalysisConfigFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One demo scenario end to end for an IT: the real playground, a real Prometheus and the engine
 * with {@code analysis-config/default.yaml} at the demo's fast pace, its router and workloads
 * recorded. Assertions run on the test thread, never on an event loop.
 */
final class DemoHarness {

  static final int RPS = 200;
  static final int STABLE_REPLICAS = 2;

  final String scenario;
  final RecordingTaps taps = new RecordingTaps();
  final List<RolloutView> views = Collections.synchronizedList(new ArrayList<>());
  private final List<Watch> watches = new CopyOnWriteArrayList<>();
  final DemoEngine engine;

  DemoHarness(Vertx vertx, String scenario, Path workDir) {
    this.scenario = scenario;
    DemoOptions options =
        new DemoOptions(
            List.of(scenario), RPS, 0, true, Path.of("analysis-config/default.yaml"), workDir);
    this.engine = new DemoEngine(vertx, options, AnalysisConfigFiles.load(options.analysisFile()));
  }

  void start() throws Exception {
    await(engine.start(taps.taps(), List.of(this::seen)), 60);
  }

  /** Completes on the first view (from now on) that matches. */
  CompletableFuture<RolloutView> when(Predicate<RolloutView> view) {
    Watch watch = new Watch(view, new CompletableFuture<>());
    watches.add(watch);
    return watch.done();
  }

  /** Kills the engine and builds a new one on the same playground, Prometheus and files. */
  void restartEngine() throws Exception {
    await(engine.restartEngine(taps.taps(), List.of(this::seen)), 60);
  }

  private void seen(RolloutView view) {
    views.add(view);
    watches.forEach(
        w -> {
          if (w.view().test(view)) {
            w.done().complete(view);
          }
        });
  }

  private record Watch(Predicate<RolloutView> view, CompletableFuture<RolloutView> done) {}

  DemoOutcome run() throws Exception {
    return await(engine.run(), 300).get(0);
  }

  void stop() throws Exception {
    await(engine.stop(), 30);
  }

  /** Phases seen, in order, without repeats. */
  List<String> phases() {
    List<String> phases = new ArrayList<>();
    synchronized (views) {
      for (RolloutView v : views) {
        String phase = v.status().phase().display();
        if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase)) {
          phases.add(phase);
        }
      }
    }
    return phases;
  }

  /** True once any view matched. */
  boolean seen(Predicate<RolloutView> view) {
    synchronized (views) {
      return views.stream().anyMatch(view);
    }
  }

  String stableWorkload() {
    return scenario + "-v1";
  }

  String canaryWorkload() {
    return scenario + "-v2";
  }

  /** The stable workload was never scaled below its backup before the canary passed at 100%. */
  void assertStableNeverLoweredEarly() {
    List<String> writes = taps.writes();
    int promoted = writes.indexOf("setWeights 100");
    for (int i = 0; i < writes.size(); i++) {
      String w = writes.get(i);
      if (w.startsWith("scale " + stableWorkload() + " ")) {
        int replicas = Integer.parseInt(w.substring(w.lastIndexOf(' ') + 1));
        if (replicas < STABLE_REPLICAS) {
          assertThat(promoted).as("stable lowered at write %d: %s", i, writes).isBetween(0, i);
          assertThat(seen(v -> v.status().phase() == RolloutPhase.PROMOTING)).isTrue();
        }
      }
    }
  }

  /** After the last weight step, the rollback's first write is the traffic reset. */
  void assertRollbackChangedTrafficFirst() {
    List<String> writes = taps.writes();
    int reset = writes.indexOf("reset");
    assertThat(reset).as("a reset in %s", writes).isPositive();
    List<String> before = writes.subList(0, reset);
    assertThat(before).noneMatch(w -> w.startsWith("scale ") || w.startsWith("remove "));
    assertThat(writes.subList(reset, writes.size())).contains("remove " + canaryWorkload());
  }

  /** Waits until Prometheus shows the canary serving (about) nothing. */
  QueryAnswer awaitCanaryDrained() {
    String rate =
        "sum(rate(istio_requests_total{reporter=\"destination\",destination_workload=\""
            + canaryWorkload()
            + "\"}[5s]))";
    return engine.prometheus().awaitData(rate + " < 0.5", Duration.ofSeconds(30));
  }

  /**
   * Loads and JIT-compiles the playground's and the hooks' code paths on a throwaway Vert.x, before
   * the test's own Vert.x (100 ms blocked-thread limit) exists. On a loaded 2-core machine the
   * first use of the HTTP client and server classes alone holds an event loop for several hundred
   * ms; that is class loading, once per JVM, not the engine blocking.
   */
  static void warmUp() throws Exception {
    Vertx plain = Vertx.vertx();
    try {
      Playground playground = new Playground(plain, PlaygroundSpec.demo(Scenario.healthy(), RPS));
      await(playground.start(), 30);
      HookContext context =
          new HookContext(
              new CanaryRef("demo", "healthy"),
              "DarkCanary",
              0,
              playground.serviceUrl(),
              "x-theseus-canary",
              "healthy");
      HookSpec probe =
          new HookSpec.HttpProbe(
              "warm-up",
              HookStage.SMOKE,
              Duration.ofSeconds(5),
              "/",
              20,
              200,
              Duration.ofSeconds(5),
              HookSpec.HttpProbe.DEFAULT_TOLERANCE);
      await(new HookRunner(plain, WebClient.create(plain)).run(List.of(probe), context), 30);
      await(plain.timer(2, TimeUnit.SECONDS), 10);
      await(playground.stop(), 30);
    } finally {
      await(plain.close(), 10);
    }
  }

  static <T> T await(Future<T> future, long seconds) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }
}
