package io.theseus.playground;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Waits for a condition by polling it on a Vert.x timer: a wait, never a sleep. */
final class Eventually {

  private static final long POLL_MS = 25;

  private Eventually() {}

  /** Completes once {@code condition} holds; fails after {@code timeout} naming {@code what}. */
  static Future<Void> until(Vertx vertx, String what, Duration timeout, BooleanSupplier condition) {
    Promise<Void> done = Promise.promise();
    long deadline = System.nanoTime() + timeout.toNanos();
    vertx.setPeriodic(
        POLL_MS,
        id -> {
          if (condition.getAsBoolean()) {
            vertx.cancelTimer(id);
            done.tryComplete();
          } else if (System.nanoTime() > deadline) {
            vertx.cancelTimer(id);
            done.tryFail(new TimeoutException("still waiting after " + timeout + " for " + what));
          }
        });
    return done.future();
  }
}
