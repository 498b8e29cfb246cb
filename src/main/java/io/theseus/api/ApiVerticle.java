package io.theseus.api;

import io.theseus.controller.RolloutQueries;
import io.theseus.rollout.CanaryRef;
import io.theseus.telemetry.TheseusMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/**
 * The read-only HTTP API of the daemon and the demo: {@code GET /healthz}, {@code /readyz}, {@code
 * /metrics} (Prometheus text format), {@code /api/v1/rollouts} and {@code
 * /api/v1/rollouts/{namespace}/{name}}. Unknown rollouts answer 404 with a JSON error.
 */
public final class ApiVerticle extends VerticleBase {

  private final RolloutQueries rollouts;
  private final TheseusMetrics metrics;
  private final BooleanSupplier ready;
  private final int port;
  private HttpServer server;

  /**
   * @param rollouts what the engine runs
   * @param metrics the registry served on /metrics
   * @param ready whether the engine is ready (its ports are up)
   * @param port the port on 127.0.0.1 and all interfaces; 0 picks a free one
   */
  public ApiVerticle(
      RolloutQueries rollouts, TheseusMetrics metrics, BooleanSupplier ready, int port) {
    this.rollouts = rollouts;
    this.metrics = metrics;
    this.ready = ready;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/healthz").handler(rc -> rc.response().end("ok\n"));
    router.get("/readyz").handler(this::readyz);
    router.get("/metrics").handler(this::metrics);
    router.get("/api/v1/rollouts").respond(rc -> Future.succeededFuture(list()));
    router.get("/api/v1/rollouts/:namespace/:name").handler(this::one);
    return vertx.createHttpServer().requestHandler(router).listen(port).onSuccess(s -> server = s);
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
            view -> json(rc, 200, RolloutJson.of(view)),
            () ->
                json(
                    rc,
                    404,
                    new JsonObject()
                        .put("error", "rollout " + namespace + "/" + name + " not found")));
  }

  private static void json(RoutingContext rc, int status, JsonObject body) {
    rc.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(body.encode());
  }
}
