package io.theseus.controller;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs engine code on a Vert.x event loop and waits for its result on the test thread, so the
 * assertions (and AssertJ's class loading) never count against the blocked-thread checker.
 */
public final class OnLoop {

  private OnLoop() {}

  /** Starts {@code work} on an event loop and returns its result, failing after 60 s. */
  public static <T> T await(Vertx vertx, Supplier<Future<T>> work) throws Exception {
    Promise<T> result = Promise.promise();
    vertx.runOnContext(v -> work.get().onComplete(result));
    return result.future().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
