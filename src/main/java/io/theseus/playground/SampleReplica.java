package io.theseus.playground;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongBiFunction;

/**
 * One replica of a {@link SampleService}: an HTTP server with its own random stream, which tracks
 * its pending response timers so closing it leaves nothing scheduled.
 */
final class SampleReplica {

  private final HttpServer server;
  private final SplittableRandom random;
  private final ToLongBiFunction<HttpServerRequest, SplittableRandom> responder;
  private final Set<Long> pendingTimers = ConcurrentHashMap.newKeySet();
  private final Vertx vertx;

  SampleReplica(
      Vertx vertx,
      SplittableRandom random,
      ToLongBiFunction<HttpServerRequest, SplittableRandom> responder) {
    this.vertx = vertx;
    this.random = random;
    this.responder = responder;
    this.server = vertx.createHttpServer().requestHandler(this::handle);
  }

  Future<SampleReplica> listen() {
    return server.listen(0, "127.0.0.1").map(this);
  }

  int port() {
    return server.actualPort();
  }

  Future<Void> close() {
    pendingTimers.forEach(vertx::cancelTimer);
    pendingTimers.clear();
    return server.close();
  }

  private void handle(HttpServerRequest request) {
    long timer = responder.applyAsLong(request, random);
    pendingTimers.add(timer);
    // The response ends (or the connection closes) either way: forget the timer then.
    request.response().closeHandler(v -> pendingTimers.remove(timer));
    request.response().endHandler(v -> pendingTimers.remove(timer));
  }
}
