package io.theseus.controller;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/**
 * Where CPU-heavy pure work runs. The judge's e-values and confidence bounds can take longer than
 * an event loop may be held (hundreds of milliseconds before the JIT warms up), so a tick hands
 * them to a worker; the compose chain keeps each rollout's steps in order.
 */
@FunctionalInterface
public interface Offload {

  /** Runs {@code work} off the event loop; the future fails with whatever it throws. */
  <T> Future<T> run(Callable<T> work);

  /** Vert.x worker threads, unordered so one rollout's judge never queues behind another's. */
  static Offload workers(Vertx vertx) {
    return new Offload() {
      @Override
      public <T> Future<T> run(Callable<T> work) {
        return vertx.executeBlocking(work, false);
      }
    };
  }
}
