package io.theseus.api;

import io.theseus.controller.RolloutListener;
import io.theseus.controller.RolloutQueries;
import io.theseus.rollout.CanaryRef;
import io.theseus.telemetry.TheseusMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of the daemon and the demo: {@code GET /healthz}, {@code /readyz}, {@code /metrics}
 * (Prometheus text format), always open; {@code GET /api/v1/rollouts} and {@code
 * /api/v1/rollouts/{namespace}/{name}}, behind a bearer token unless reads are configured open; and
 * {@code POST /api/v1/rollouts/{namespace}/{name}/override} (see {@link OverrideEndpoint}), always
 * behind a bearer token. Errors are JSON naming the field. The override body is limited to {@link
 * OverrideBody#MAX_BYTES} before the token is checked, so nobody can make the API buffer more.
 */
public final class ApiVerticle extends VerticleBase {

  /** Listen on this machine only (the demo). */
  public static final String LOOPBACK = "127.0.0.1";

  /** Listen on every interface (the daemon, behind its Service). */
  public static final String ALL = "0.0.0.0";

  private final RolloutQueries rollouts;
  private final TheseusMetrics metrics;
  private final BooleanSupplier ready;

  /** Idle connections close after this long: a silent or trickling client cannot hold one. */
  static final int IDLE_TIMEOUT_SECONDS = 30;

  private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);

  private final String host;
  private final int port;
  private final ApiAccess access;
  private final DecisionHistory decisions = new DecisionHistory();
  private HttpServer server;

  /**
   * @param rollouts what the engine runs
   * @param metrics the registry served on /metrics
   * @param ready whether the engine is ready (its ports are up)
   * @param port the port on 127.0.0.1; 0 picks a free one
   */
  public ApiVerticle(
      RolloutQueries rollouts, TheseusMetrics metrics, BooleanSupplier ready, int port) {
    this(rollouts, metrics, ready, LOOPBACK, port, null);
  }

  /**
   * An API that also takes overrides.
   *
   * @param rollouts what the engine runs
   * @param metrics the registry served on /metrics
   * @param ready whether the engine is ready (its ports are up)
   * @param host the address to listen on: {@link #LOOPBACK} on a workstation, {@link #ALL} in a pod
   * @param port the port; 0 picks a free one
   * @param access who may read and override, and where overrides go; null for a read-only API whose
   *     reads are open (no override endpoint at all)
   */
  public ApiVerticle(
      RolloutQueries rollouts,
      TheseusMetrics metrics,
      BooleanSupplier ready,
      String host,
      int port,
      ApiAccess access) {
    this.rollouts = rollouts;
    this.metrics = metrics;
    this.ready = ready;
    this.host = host;
    this.port = port;
    this.access = access;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/healthz").handler(rc -> rc.response().end("ok\n"));
    router.get("/readyz").handler(this::readyz);
    router.get("/metrics").handler(this::metrics);
    if (access != null) {
      guard(router);
    }
    router.get("/api/v1/rollouts").respond(rc -> Future.succeededFuture(list()));
    router.get("/api/v1/rollouts/:namespace/:name").handler(this::one);
    router.errorHandler(
        404, rc -> ApiResponses.error(rc, new ApiException(404, "path", "no such endpoint")));
    router.errorHandler(
        405,
        rc ->
            ApiResponses.error(
                rc,
                new ApiException(405, "method", rc.request().method() + " is not allowed here")));
    HttpServerOptions options = new HttpServerOptions().setIdleTimeout(IDLE_TIMEOUT_SECONDS);
    return vertx
        .createHttpServer(options)
        .requestHandler(router)
        .listen(port, host)
        .onSuccess(s -> server = s);
  }

  /** The override route, and the token check in front of reads unless they are open. */
  private void guard(Router router) {
    BearerAuth auth = new BearerAuth(access.authenticator());
    router
        .post("/api/v1/rollouts/:namespace/:name/override")
        .handler((PlatformHandler) ApiVerticle::jsonOnly) // platform: may run before the body
        .handler(BodyHandler.create(false).setBodyLimit(OverrideBody.MAX_BYTES))
        .handler(auth)
        .handler(new OverrideEndpoint(access.authenticator(), access.overrides(), rollouts))
        .failureHandler(ApiVerticle::overrideFailed);
    if (!access.openReads()) {
      router.get("/api/v1/*").handler(auth);
    }
  }

  /**
   * Only JSON bodies reach the body handler: it would decode a form body (curl -d's default type)
   * into fields and fail on a long one. A body without a Content-Type is read as JSON.
   */
  private static void jsonOnly(RoutingContext rc) {
    String type = rc.request().getHeader("content-type");
    String media = type == null ? "application/json" : type.split(";", 2)[0].strip();
    if (media.equalsIgnoreCase("application/json")) {
      rc.next();
    } else {
      ApiResponses.error(
          rc,
          new ApiException(415, "Content-Type", "is " + media + " (allowed: application/json)"));
    }
  }

  /**
   * The body handler refuses an over-long body with 413; the API contract says 400. Anything else
   * is ours: logged in full, answered without internals.
   */
  private static void overrideFailed(RoutingContext rc) {
    if (rc.statusCode() == 413) {
      ApiResponses.error(
          rc, ApiException.badRequest("body", "over " + OverrideBody.MAX_BYTES + " bytes"));
      return;
    }
    LOG.error("override request {} failed", rc.normalizedPath(), rc.failure());
    ApiResponses.error(
        rc, new ApiException(500, "override", "internal error, see the Theseus log"));
  }

  /**
   * Keeps each rollout's recent decisions for {@code GET /api/v1/rollouts/{ns}/{name}}; register it
   * with the controller ({@code controller.listen(api.decisions())}) before rollouts start.
   */
  public RolloutListener decisions() {
    return decisions;
  }

  /** The port the API listens on (the real one when started with 0). */
  public int actualPort() {
    return server.actualPort();
  }

  private void readyz(RoutingContext rc) {
    boolean up = ready.getAsBoolean();
    rc.response().setStatusCode(up ? 200 : 503).end(up ? "ready\n" : "not ready\n");
  }

  private void metrics(RoutingContext rc) {
    rc.response().putHeader("content-type", TheseusMetrics.CONTENT_TYPE).end(metrics.scrape());
  }

  private JsonObject list() {
    JsonArray items = new JsonArray();
    rollouts.rollouts().forEach(view -> items.add(RolloutJson.of(view)));
    return new JsonObject().put("items", items);
  }

  private void one(RoutingContext rc) {
    String namespace = rc.pathParam("namespace");
    String name = rc.pathParam("name");
    rollouts
        .rollout(new CanaryRef(namespace, name))
        .ifPresentOrElse(
            view ->
                ApiResponses.json(
                    rc,
                    200,
                    RolloutJson.of(view).put("decisions", decisions.of(view.spec().ref()))),
            () ->
                ApiResponses.error(
                    rc,
                    new ApiException(
                        404, "rollout", "rollout " + namespace + "/" + name + " not found")));
  }
}
