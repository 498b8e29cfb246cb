package io.theseus.cli;

import io.theseus.api.ApiAccess;
import io.theseus.api.ApiVerticle;
import io.theseus.api.ProcessMetrics;
import io.theseus.api.StaticTokenAuthenticator;
import io.theseus.config.AnalysisConfig;
import io.theseus.controller.CanaryController;
import io.theseus.controller.RolloutListener;
import io.theseus.controller.RolloutPorts;
import io.theseus.controller.TelemetryListener;
import io.theseus.hook.HookRunner;
import io.theseus.metrics.prometheus.PrometheusMetricsProvider;
import io.theseus.metrics.prometheus.PrometheusOptions;
import io.theseus.playground.LocalWorkloads;
import io.theseus.playground.MeshProxy;
import io.theseus.playground.Playground;
import io.theseus.playground.PlaygroundSpec;
import io.theseus.playground.PrometheusProcess;
import io.theseus.playground.SampleService;
import io.theseus.playground.Scenario;
import io.theseus.playground.ScrapeTarget;
import io.theseus.rollout.AnalysisJudge;
import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.RolloutLimits;
import io.theseus.rollout.RolloutSpec;
import io.theseus.rollout.ServiceSpec;
import io.theseus.rollout.VersionSpec;
import io.theseus.routing.TrafficRouter;
import io.theseus.routing.local.LocalProxyRouter;
import io.theseus.store.file.FileRolloutStore;
import io.theseus.telemetry.TheseusMetrics;
import io.theseus.workload.Workloads;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The demo assembled: one playground per scenario, a real Prometheus scraping their mesh proxies
 * every second, the rollout engine on those ports, and the HTTP API. This is the demo's {@code
 * Main}: the one place that names the adapter classes.
 */
final class DemoEngine {

  /** Namespace of every demo rollout. */
  static final String NAMESPACE = "demo";

  private final Vertx vertx;
  private final DemoOptions options;
  private final AnalysisConfig analysis;
  private final DemoApi apiAccess;
  private final List<Playground> playgrounds = new ArrayList<>();
  private final TheseusMetrics metrics = ProcessMetrics.create(TheseusVersion.current());
  private PrometheusProcess prometheus;
  private CanaryController controller;
  private ApiVerticle api;
  private WebClient client;

  /**
   * Decorators around the router and workloads the engine uses; identity in the demo, recorders in
   * tests.
   */
  record Taps(UnaryOperator<TrafficRouter> router, UnaryOperator<Workloads> workloads) {
    static final Taps NONE = new Taps(r -> r, w -> w);
  }

  /**
   * Who may use the demo's API.
   *
   * @param token the bearer token the API asks for
   * @param openReads whether GET /api/v1/... answer without it
   */
  record DemoApi(String token, boolean openReads) {}

  /** An engine whose API asks for a fresh random token (see {@link #token()}). */
  DemoEngine(Vertx vertx, DemoOptions options, AnalysisConfig analysis) {
    this(vertx, options, analysis, new DemoApi(StaticTokenAuthenticator.randomToken(), false));
  }

  DemoEngine(Vertx vertx, DemoOptions options, AnalysisConfig analysis, DemoApi apiAccess) {
    this.vertx = vertx;
    this.options = options;
    this.analysis = options.tune(analysis);
    this.apiAccess = apiAccess;
  }

  /** The bearer token of the API. */
  String token() {
    return apiAccess.token();
  }

  /** Starts playgrounds, Prometheus, the engine and the API; adds the listeners first. */
  Future<Void> start(Taps taps, List<RolloutListener> listeners) {
    for (String name : options.scenarios()) {
      playgrounds.add(
          new Playground(vertx, PlaygroundSpec.demo(Scenario.named(name), options.rps())));
    }
    return Future.all(playgrounds.stream().map(Playground::start).toList())
        .compose(v -> vertx.executeBlocking(this::startPrometheusBlocking, false))
        .compose(v -> startEngine(taps, listeners))
        .compose(v -> startApi())
        .mapEmpty();
  }

  private Void startPrometheusBlocking() throws IOException {
    List<ScrapeTarget> targets = new ArrayList<>();
    for (Playground p : playgrounds) {
      targets.add(new ScrapeTarget("mesh-" + p.spec().service(), p.scrapeTarget(), "/metrics"));
    }
    Path dir = Files.createDirectories(options.workDir().resolve("prometheus"));
    prometheus = PrometheusProcess.start(dir, targets);
    return null;
  }

  private Future<String> startEngine(Taps taps, List<RolloutListener> listeners) {
    client = WebClient.create(vertx);
    List<MeshProxy> proxies = playgrounds.stream().map(Playground::proxy).toList();
    List<SampleService> services =
        playgrounds.stream().flatMap(p -> p.services().stream()).toList();
    RolloutPorts ports =
        new RolloutPorts(
            new FileRolloutStore(vertx, options.workDir().resolve("state")),
            taps.router().apply(new LocalProxyRouter(proxies)),
            taps.workloads().apply(new LocalWorkloads(services)),
            new PrometheusMetricsProvider(
                vertx,
                PrometheusOptions.of(URI.create(prometheus.baseUrl()), Duration.ofSeconds(1)),
                metrics),
            new HookRunner(vertx, client),
            new AnalysisJudge());
    controller = new CanaryController(ports, Clock.systemUTC());
    controller.listen(new TelemetryListener(metrics));
    listeners.forEach(controller::listen);
    return vertx.deployVerticle(controller);
  }

  private Future<String> startApi() {
    ApiAccess access =
        new ApiAccess(
            new StaticTokenAuthenticator(apiAccess.token(), Set.of()),
            controller,
            apiAccess.openReads());
    api =
        new ApiVerticle(
            controller,
            metrics,
            () -> prometheus.isRunning(),
            ApiVerticle.LOOPBACK,
            options.apiPort(),
            access);
    controller.listen(api.decisions());
    return vertx.deployVerticle(api);
  }

  /**
   * Drops the engine (controller and API) the way a crash would and builds a new one on the same
   * playgrounds, Prometheus and status files; {@link #run()} then resumes every rollout.
   */
  Future<Void> restartEngine(Taps taps, List<RolloutListener> listeners) {
    return vertx
        .undeploy(api.deploymentID())
        .compose(v -> vertx.undeploy(controller.deploymentID()))
        .compose(v -> startEngine(taps, listeners))
        .compose(v -> startApi())
        .mapEmpty();
  }

  /** Runs every scenario's rollout at once; completes when all have ended. */
  Future<List<DemoOutcome>> run() {
    List<Future<DemoOutcome>> runs = new ArrayList<>();
    for (Playground p : playgrounds) {
      RolloutSpec spec = spec(p);
      runs.add(
          controller
              .add(spec)
              .map(
                  end ->
                      new DemoOutcome(
                          spec.ref().name(),
                          end,
                          Duration.between(end.startedAt(), end.phaseSince()))));
    }
    return Future.all(runs).map(all -> all.<DemoOutcome>list());
  }

  private RolloutSpec spec(Playground p) {
    String name = p.spec().service();
    return new RolloutSpec(
        new CanaryRef(NAMESPACE, name),
        new ServiceSpec(name, p.serviceUrl()),
        new VersionSpec(p.stableWorkload().name(), Playground.STABLE_VERSION),
        new VersionSpec(p.canaryWorkload().name(), Playground.CANARY_VERSION),
        analysis,
        new RolloutLimits(Duration.ofMinutes(3), Duration.ofMinutes(2), 1));
  }

  /** The API's port. */
  int apiPort() {
    return api.actualPort();
  }

  /** The Prometheus child, for queries in tests. */
  PrometheusProcess prometheus() {
    return prometheus;
  }

  /** The playgrounds, in scenario order. */
  List<Playground> playgrounds() {
    return List.copyOf(playgrounds);
  }

  /** Stops the engine, the load and services, then Prometheus; safe to call twice. */
  Future<Void> stop() {
    Future<Void> engine =
        controller == null
            ? Future.succeededFuture()
            : vertx.undeploy(controller.deploymentID()).otherwiseEmpty();
    return engine
        .eventually(() -> Future.join(playgrounds.stream().map(Playground::stop).toList()))
        .eventually(() -> vertx.executeBlocking(this::stopPrometheusBlocking, false))
        .mapEmpty();
  }

  private Void stopPrometheusBlocking() {
    if (prometheus != null) {
      prometheus.close();
    }
    return null;
  }
}
