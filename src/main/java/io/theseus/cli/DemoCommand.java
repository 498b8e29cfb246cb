package io.theseus.cli;

import io.theseus.api.StaticTokenAuthenticator;
import io.theseus.config.AnalysisConfig;
import io.theseus.config.InvalidConfigException;
import io.theseus.playground.Scenario;
import io.theseus.yaml.AnalysisConfigFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code theseus demo}: whole canary rollouts on the local playground, end to end. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs whole canary rollouts locally: sample services, an Istio-like mesh proxy, constant"
          + " load, a real Prometheus (scraping every second) and the rollout engine with its API.",
      "Exits 0 when every scenario ends as expected: healthy is promoted (Succeeded),"
          + " latency-regression and error-spike are rolled back (RolledBack); 1 otherwise."
    })
final class DemoCommand implements Callable<Integer> {

  private static final long STOP_SECONDS = 20;

  /** Exit status after Ctrl-C, as shells report a SIGINT (128 + 2). */
  private static final int EXIT_INTERRUPTED = 130;

  @Spec CommandSpec spec;

  @Option(
      names = "--scenario",
      defaultValue = "all",
      description = "healthy, latency-regression, error-spike or all (default: ${DEFAULT-VALUE})")
  String scenario;

  @Option(
      names = "--rps",
      defaultValue = "200",
      description = "Requests per second of each scenario's load (default: ${DEFAULT-VALUE})")
  int rps;

  @Option(
      names = "--api-port",
      defaultValue = "8080",
      description =
          "Port of the HTTP API (/healthz, /metrics, /api/v1/rollouts); 0 picks a free"
              + " one (default: ${DEFAULT-VALUE})")
  int apiPort;

  @Option(
      names = "--token-file",
      description =
          "File whose first line is the API's bearer token (overrides, and reads unless"
              + " --open-reads); without it a random token is generated, printed and written to"
              + " <state dir>/api-token")
  Path tokenFile;

  @Option(
      names = "--open-reads",
      description = "Let GET /api/v1/rollouts[/...] answer without the token")
  boolean openReads;

  @Option(
      names = "--fast",
      description =
          "Demo pace: a 5 s analysis interval instead of the config's 30 s (--scenario all then"
              + " takes about 4 minutes; without it ticks are 6 times as far apart). Either way the"
              + " first step is 10%%,"
              + " not 1%%: 1%% of the demo's load is too little traffic to prove a p99 in"
              + " minutes")
  boolean fast;

  @Option(
      names = "--analysis",
      defaultValue = "analysis-config/default.yaml",
      description = "Analysis config of every rollout (default: ${DEFAULT-VALUE})")
  Path analysisFile;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String problem = problem();
    if (problem != null) {
      err.println("theseus demo: " + problem);
      return TheseusCli.EXIT_USAGE;
    }
    AnalysisConfig analysis;
    try {
      analysis = AnalysisConfigFiles.load(TheseusHome.resolve(analysisFile));
    } catch (InvalidConfigException e) {
      err.println("theseus demo: " + e.getMessage());
      return TheseusCli.EXIT_USAGE;
    }
    DemoOptions options = options();
    DemoEngine.DemoApi api = api(options, out);
    return run(options, analysis, api, out);
  }

  /** The token from --token-file, or a fresh one written where `theseus override` can read it. */
  private DemoEngine.DemoApi api(DemoOptions options, PrintWriter out) throws IOException {
    if (tokenFile != null) {
      String token = Files.readString(tokenFile).lines().findFirst().orElse("").strip();
      if (token.isEmpty()) {
        throw new IllegalArgumentException("--token-file: " + tokenFile + " holds no token");
      }
      return new DemoEngine.DemoApi(token, openReads);
    }
    String token = StaticTokenAuthenticator.randomToken();
    Path file = options.workDir().resolve("api-token");
    Files.writeString(file, token + "\n"); // the state dir is a fresh temp dir: owner-only
    out.printf("theseus demo: API token %s (also in %s, for --token-file)%n", token, file);
    return new DemoEngine.DemoApi(token, openReads);
  }

  private String problem() {
    if (!scenario.equals("all") && !Scenario.NAMES.contains(scenario)) {
      return "--scenario: unknown '"
          + scenario
          + "' (allowed: "
          + String.join(", ", Scenario.NAMES)
          + ", all)";
    }
    if (rps < 1 || rps > 5000) {
      return "--rps: " + rps + " is out of range (allowed: 1-5000)";
    }
    if (apiPort < 0 || apiPort > 65535) {
      return "--api-port: " + apiPort + " is out of range (allowed: 0-65535)";
    }
    if (tokenFile != null && !Files.isReadable(tokenFile)) {
      return "--token-file: " + tokenFile + " is not a readable file";
    }
    return null;
  }

  private DemoOptions options() throws IOException {
    List<String> scenarios = scenario.equals("all") ? Scenario.NAMES : List.of(scenario);
    Path workDir = Files.createTempDirectory("theseus-demo-");
    return new DemoOptions(scenarios, rps, apiPort, fast, analysisFile, workDir);
  }

  private static int run(
      DemoOptions options, AnalysisConfig analysis, DemoEngine.DemoApi api, PrintWriter out)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    DemoEngine engine = new DemoEngine(vertx, options, analysis, api);
    // Ctrl-C runs the hook while the main thread still waits: whichever comes first stops, once.
    AtomicBoolean stopping = new AtomicBoolean();
    Runnable stopOnce =
        () -> {
          if (stopping.compareAndSet(false, true)) {
            stop(engine, vertx);
          }
        };
    Thread stopOnSignal = new Thread(stopOnce, "theseus-demo-stop");
    Runtime.getRuntime().addShutdownHook(stopOnSignal);
    try {
      DemoProgress progress = new DemoProgress(out, System.console() != null);
      await(engine.start(DemoEngine.Taps.NONE, List.of(progress)), 120);
      out.printf(
          "theseus demo: %s at %d rps each; API http://127.0.0.1:%d/api/v1/rollouts;"
              + " Prometheus %s; state in %s%n",
          String.join(", ", options.scenarios()),
          options.rps(),
          engine.apiPort(),
          engine.prometheus().baseUrl(),
          options.workDir());
      out.flush();
      List<DemoOutcome> outcomes;
      try {
        outcomes = await(engine.run(), 3600);
      } catch (Exception e) {
        if (stopping.get()) {
          out.println("\ntheseus demo: interrupted; the playground is stopped");
          return EXIT_INTERRUPTED;
        }
        throw e;
      }
      out.println();
      out.print(DemoOutcome.table(outcomes));
      out.flush();
      return outcomes.stream().allMatch(DemoOutcome::asExpected) ? 0 : 1;
    } finally {
      stopOnce.run();
      forget(stopOnSignal);
    }
  }

  private static void forget(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C: the hook is already running and stops everything itself.
    }
  }

  private static void stop(DemoEngine engine, Vertx vertx) {
    // Best effort on the way out; the Prometheus child also has its own shutdown hook.
    try {
      await(engine.stop(), STOP_SECONDS);
    } catch (Exception e) {
      System.err.println("theseus demo: stopping the playground failed: " + e);
    }
    try {
      await(vertx.close(), STOP_SECONDS);
    } catch (Exception e) {
      System.err.println("theseus demo: closing Vert.x failed: " + e);
    }
  }

  private static <T> T await(Future<T> future, long seconds) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }
}
