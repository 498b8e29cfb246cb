package io.theseus.playground;

import io.theseus.telemetry.IstioStandardMetrics;
import io.theseus.telemetry.IstioWorkloadPair;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;

/**
 * The playground's in-process mesh proxy for one service: it routes each request as an Istio
 * VirtualService with a dark-canary header route and a weighted default route would ({@link
 * VirtualRoutes}), forwards it to a replica of the chosen {@link SampleService}, and records
 * Istio's standard metrics for it. Deploy it as a verticle to start it. Traffic is served on {@link
 * #trafficPort()}; the metrics on {@code /metrics} of a separate {@link #metricsPort()}, as an
 * Envoy sidecar serves them on its own port (15090), so no application path is shadowed.
 *
 * <p>Envoy's failure answers are mirrored: no ready replica is a 503 with response flag {@code UH},
 * a refused connection a 503 with {@code UF}, a route timeout a 504 with {@code UT}.
 */
public final class MeshProxy extends VerticleBase {

  /** Where the ingress traffic comes from, as Istio labels it. */
  static final String SOURCE_WORKLOAD = "istio-ingressgateway";

  static final String SOURCE_NAMESPACE = "istio-system";
  private static final List<String> HOP_HEADERS =
      List.of("host", "connection", "content-length", "transfer-encoding", "keep-alive");

  private final MeshProxySpec spec;
  private final SampleService stable;
  private final SampleService canary;
  private final IstioStandardMetrics metrics = new IstioStandardMetrics();
  private final SplittableRandom random;
  private volatile VirtualRoutes routes = VirtualRoutes.ALL_STABLE;
  private WebClient client;
  private HttpServer traffic;
  private HttpServer metricsServer;

  /** A proxy for {@code spec}'s service; deploy it as a verticle to start it. */
  public MeshProxy(MeshProxySpec spec, SampleService stable, SampleService canary) {
    this.spec = spec;
    this.stable = stable;
    this.canary = canary;
    this.random = new SplittableRandom(spec.seed());
  }

  /** Listens for traffic and for scrapes on 127.0.0.1, each on an ephemeral port. */
  @Override
  public Future<?> start() {
    client =
        WebClient.create(
            vertx,
            new WebClientOptions().setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(64));
    traffic = vertx.createHttpServer().requestHandler(this::route);
    metricsServer = vertx.createHttpServer().requestHandler(this::serveMetrics);
    return Future.all(traffic.listen(0, "127.0.0.1"), metricsServer.listen(0, "127.0.0.1"))
        .mapEmpty();
  }

  /** Closes both listeners and the upstream client. */
  @Override
  public Future<?> stop() {
    client.close();
    return Future.join(traffic.close(), metricsServer.close());
  }

  /** The routes in force. */
  public VirtualRoutes routes() {
    return routes;
  }

  /** Replaces the routes; they apply to the next request. */
  public void routes(VirtualRoutes newRoutes) {
    routes = newRoutes;
  }

  /** What this proxy fronts. */
  public MeshProxySpec spec() {
    return spec;
  }

  /** The stable version label. */
  public String stableVersion() {
    return stable.spec().version();
  }

  /** The canary version label. */
  public String canaryVersion() {
    return canary.spec().version();
  }

  /** The port service traffic goes to. */
  public int trafficPort() {
    return traffic.actualPort();
  }

  /** The port serving {@code /metrics}. */
  public int metricsPort() {
    return metricsServer.actualPort();
  }

  /** The current Istio metrics in the Prometheus text format. */
  public String scrape() {
    return metrics.scrape();
  }

  /** Runs on this verticle's one context, so the split's random stream is never shared. */
  private void route(HttpServerRequest request) {
    long start = System.nanoTime();
    SampleService target =
        routes.toCanary(request.headers()::get, random.nextDouble()) ? canary : stable;
    request
        .body()
        .compose(body -> forward(target, request, body))
        .onComplete(outcome -> reply(request, target, ProxyAnswer.of(outcome), start));
  }

  private void reply(
      HttpServerRequest request, SampleService target, ProxyAnswer answer, long startNanos) {
    var response = request.response().setStatusCode(answer.status());
    response.headers().addAll(answer.headers());
    // Istio's duration runs to the last byte sent downstream; a reset caller still counts.
    response.end(answer.body()).onComplete(done -> record(target, answer, startNanos));
  }

  private Future<HttpResponse<Buffer>> forward(
      SampleService target, HttpServerRequest request, Buffer body) {
    var port = target.nextReplica();
    if (port.isEmpty()) {
      return Future.failedFuture(new NoHealthyUpstreamException());
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
    HOP_HEADERS.forEach(headers::remove);
    return client
        .request(request.method(), port.get(), "127.0.0.1", request.uri())
        .putHeaders(headers)
        .timeout(spec.upstreamTimeout().toMillis())
        .sendBuffer(body);
  }

  private void record(SampleService target, ProxyAnswer answer, long startNanos) {
    var pair =
        new IstioWorkloadPair(
            SOURCE_WORKLOAD,
            SOURCE_NAMESPACE,
            spec.namespace(),
            spec.service(),
            target.spec().workload().name(),
            target.spec().version());
    metrics.record(pair, answer.status(), answer.flags(), (System.nanoTime() - startNanos) / 1e6);
  }

  private void serveMetrics(HttpServerRequest request) {
    if (!"/metrics".equals(request.path())) {
      request.response().setStatusCode(404).end("not found: try /metrics");
      return;
    }
    request
        .response()
        .putHeader("content-type", IstioStandardMetrics.CONTENT_TYPE)
        .end(metrics.scrape());
  }

  /** Envoy's "no healthy upstream": the chosen version has no ready replica. */
  static final class NoHealthyUpstreamException extends RuntimeException {
    NoHealthyUpstreamException() {
      super("no healthy upstream", null, false, false);
    }
  }

  static boolean isTimeout(Throwable failure) {
    return failure instanceof TimeoutException;
  }
}
