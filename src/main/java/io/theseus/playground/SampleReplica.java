package io.theseus.playground;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongBiFunction;

/**
 * One replica of a {@link SampleService}, deployed as a verticle so it has an event-loop context of
 * its own (as a pod has its own process): an HTTP server with its own random stream, which tracks
 * its pending response timers so undeploying it leaves nothing scheduled.
 */
final class SampleReplica extends VerticleBase {

  private static final long GRACE_PERIOD_MS = 2_000;

  private final SplittableRandom random;
  private final ToLongBiFunction<HttpServerRequest, SplittableRandom> responder;
  private final Set<Long> pendingTimers = ConcurrentHashMap.newKeySet();
  private HttpServer server;

  /**
   * @param responder schedules the answer to a request and returns its timer id; called on this
   *     replica's context only, so the random stream is never shared between threads
   */
  SampleReplica(
      SplittableRandom random, ToLongBiFunction<HttpServerRequest, SplittableRandom> responder) {
    this.random = random;
    this.responder = responder;
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer().requestHandler(this::handle);
    return server.listen(0, "127.0.0.1");
  }

  /**
   * Stops as a terminating pod does: no new connections, requests in flight answered within a grace
   * period; whatever is still pending then is cancelled.
   */
  @Override
  public Future<?> stop() {
    return server
        .shutdown(GRACE_PERIOD_MS, TimeUnit.MILLISECONDS)
        .eventually(
            () -> {
              pendingTimers.forEach(vertx::cancelTimer);
              pendingTimers.clear();
              return Future.succeededFuture();
            });
  }

  int port() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    long timer = responder.applyAsLong(request, random);
    pendingTimers.add(timer);
    // The response ends (or the connection closes) either way: forget the timer then.
    request.response().closeHandler(v -> pendingTimers.remove(timer));
    request.response().endHandler(v -> pendingTimers.remove(timer));
  }
}
