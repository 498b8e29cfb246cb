package io.theseus.controller;

import io.theseus.rollout.RolloutPhase;
import io.theseus.store.file.FileRolloutStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Loads (and starts JIT-compiling) the code paths a test will run on its checked Vert.x, on a
 * throwaway one first. On a loaded 2-core machine the first use of Vert.x's HTTP client and server,
 * or of Jackson, holds an event loop for a few hundred milliseconds of class loading: once per JVM,
 * and not the code under test blocking. Call it from {@code @BeforeAll}.
 */
public final class WarmUp {

  private WarmUp() {}

  /** An HTTP server answering a GET and a JSON POST from the web client. */
  public static void http() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      int port =
          await(
                  vertx
                      .createHttpServer()
                      .requestHandler(req -> req.body().onSuccess(b -> req.response().end("ok")))
                      .listen(0, "127.0.0.1"))
              .actualPort();
      WebClient client = WebClient.create(vertx);
      await(client.get(port, "127.0.0.1", "/").putHeader("x", "y").timeout(5000).send());
      await(client.postAbs("http://127.0.0.1:" + port + "/").sendJsonObject(new JsonObject()));
    } finally {
      await(vertx.close());
    }
  }

  /** A whole rollout on the recording fakes with the file store and the judge on workers. */
  public static void engine() throws Exception {
    Vertx vertx = Vertx.vertx();
    Path dir = Files.createTempDirectory("theseus-warm-up");
    try {
      Rig rig = new Rig(0.001, new FileRolloutStore(vertx, dir));
      rig.offloadTo(vertx);
      rig.restart(TestRollouts.spec());
      RolloutPhase end = OnLoop.await(vertx, rig::tickToEnd).phase();
      if (end != RolloutPhase.SUCCEEDED) {
        throw new IllegalStateException("warm-up rollout ended " + end);
      }
    } finally {
      await(vertx.close());
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
