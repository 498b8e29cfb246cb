package io.theseus.kube;

import io.theseus.testing.EventLoopWatch;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A Vert.x instance for adapter tests that runs each operation on one event-loop context, as the
 * daemon does, and waits for its outcome on the test thread. Its event loops are watched ({@link
 * EventLoopWatch}): {@link #close} fails the test when one was caught blocking.
 */
public final class VertxLoop implements AutoCloseable {

  private final EventLoopWatch watch = new EventLoopWatch();
  private final Vertx vertx;
  private final Context context;

  public VertxLoop() {
    watch.beforeEach(null);
    this.vertx = watch.get();
    this.context = vertx.getOrCreateContext();
  }

  public Vertx vertx() {
    return vertx;
  }

  public Context context() {
    return context;
  }

  /** Starts {@code operation} on the event loop and waits up to 20 s for its result. */
  public <T> T await(Supplier<Future<T>> operation) {
    try {
      return start(operation).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("operation failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("operation did not complete within 20 s", e);
    }
  }

  /** Like {@link #await} but returns the failure, failing the test if the operation succeeded. */
  public <T> Throwable failure(Supplier<Future<T>> operation) {
    try {
      T result =
          start(operation).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + result);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("operation did not complete within 20 s", e);
    }
  }

  private <T> Future<T> start(Supplier<Future<T>> operation) {
    Promise<T> outcome = Promise.promise();
    context.runOnContext(v -> operation.get().onComplete(outcome));
    return outcome.future();
  }

  /** Closes Vert.x; fails when an event loop was caught blocking. */
  @Override
  public void close() {
    try {
      watch.afterEach(null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing Vert.x", e);
    } catch (Exception e) {
      throw new IllegalStateException("Vert.x did not close within 10 s", e);
    }
  }
}
