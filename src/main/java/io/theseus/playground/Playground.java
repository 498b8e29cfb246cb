package io.theseus.playground;

import io.theseus.routing.RouteTarget;
import io.theseus.workload.WorkloadRef;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;

/**
 * One service of the demo, assembled: stable ({@value #STABLE_VERSION}) and canary ({@value
 * #CANARY_VERSION}) sample services, the mesh proxy in front of them and a load generator sending
 * it constant traffic. Everything listens on 127.0.0.1 and ephemeral ports, so several playgrounds
 * (one per service name) run side by side in one JVM.
 */
public final class Playground {

  /** Version label of the stable workload. */
  public static final String STABLE_VERSION = "v1";

  /** Version label of the canary workload. */
  public static final String CANARY_VERSION = "v2";

  /** The scrape job of every playground's proxy (Istio's job for Envoy sidecar stats). */
  public static final String SCRAPE_JOB = "envoy-stats";

  private static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final PlaygroundSpec spec;
  private final SampleService stable;
  private final SampleService canary;
  private final MeshProxy proxy;
  private LoadGenerator load;
  private String proxyDeployment;
  private String loadDeployment;

  public Playground(Vertx vertx, PlaygroundSpec spec) {
    this.vertx = vertx;
    this.spec = spec;
    Scenario scenario = spec.scenario();
    // The services read the live canary weight from the proxy for weight-triggered shifts.
    this.stable =
        new SampleService(vertx, version(STABLE_VERSION, scenario.stable(), 1), this::weight);
    this.canary =
        new SampleService(vertx, version(CANARY_VERSION, scenario.canary(), 2), this::weight);
    this.proxy =
        new MeshProxy(
            new MeshProxySpec(spec.namespace(), spec.service(), ROUTE_TIMEOUT, spec.seed()),
            stable,
            canary);
  }

  /** Starts both versions, then the proxy, then the load; each on its own event-loop context. */
  public Future<Void> start() {
    return Future.all(stable.scale(spec.replicas()), canary.scale(spec.replicas()))
        .compose(v -> vertx.deployVerticle(proxy))
        .compose(
            id -> {
              proxyDeployment = id;
              load = new LoadGenerator(LoadSpec.of(proxy.trafficPort(), spec.ratePerSecond()));
              return vertx.deployVerticle(load);
            })
        .map(
            id -> {
              loadDeployment = id;
              return null;
            });
  }

  /**
   * Stops the load (waiting for its requests), then the proxy, then every replica. Safe to call
   * again, or after a failed start.
   */
  public Future<Void> stop() {
    return undeploy(loadDeployment)
        .eventually(() -> undeploy(proxyDeployment))
        .eventually(() -> Future.join(stable.scale(0), canary.scale(0)))
        .mapEmpty();
  }

  /** The spec it runs. */
  public PlaygroundSpec spec() {
    return spec;
  }

  /** {@code 127.0.0.1:PORT} of the proxy's Istio metrics, served on {@code /metrics}. */
  public String scrapeTarget() {
    return "127.0.0.1:" + proxy.metricsPort();
  }

  /**
   * The same endpoint as a {@link PrometheusProcess} target: {@code /metrics} in job {@value
   * #SCRAPE_JOB}, Istio's job name for sidecar stats.
   */
  public ScrapeTarget prometheusTarget() {
    return ScrapeTarget.local(SCRAPE_JOB, proxy.metricsPort());
  }

  /**
   * Base URL of the service through the mesh (for smoke probes), e.g. {@code
   * http://127.0.0.1:PORT}.
   */
  public String serviceUrl() {
    return "http://127.0.0.1:" + proxy.trafficPort();
  }

  /** The routing target of this service, with the given dark-canary header route. */
  public RouteTarget routeTarget(String darkCanaryHeader, String darkCanaryValue) {
    return new RouteTarget(
        spec.namespace(),
        spec.service(),
        STABLE_VERSION,
        CANARY_VERSION,
        darkCanaryHeader,
        darkCanaryValue);
  }

  /** The stable workload, e.g. {@code demo/healthy-v1}. */
  public WorkloadRef stableWorkload() {
    return stable.spec().workload();
  }

  /** The canary workload, e.g. {@code demo/healthy-v2}. */
  public WorkloadRef canaryWorkload() {
    return canary.spec().workload();
  }

  /** Both sample services, for a {@link LocalWorkloads}. */
  public List<SampleService> services() {
    return List.of(stable, canary);
  }

  /** The mesh proxy, for a {@code LocalProxyRouter}. */
  public MeshProxy proxy() {
    return proxy;
  }

  /** The load's counts so far (zero before start). */
  public LoadCounts loadCounts() {
    return load == null ? new LoadCounts(0, 0, 0, 0) : load.counts();
  }

  private Future<Void> undeploy(String deploymentId) {
    return deploymentId != null && vertx.deploymentIDs().contains(deploymentId)
        ? vertx.undeploy(deploymentId)
        : Future.succeededFuture();
  }

  private int weight() {
    return proxy.routes().weights().canary();
  }

  private ServiceVersion version(String label, VersionProfile profile, long seedOffset) {
    var workload = new WorkloadRef(spec.namespace(), spec.service() + "-" + label);
    return new ServiceVersion(workload, label, profile, spec.seed() * 1000 + seedOffset * 100);
  }
}
