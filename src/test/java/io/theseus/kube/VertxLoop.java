package io.theseus.kube;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A Vert.x instance for adapter tests that runs each operation on one event-loop context, as the
 * daemon does, and waits for its outcome on the test thread. The event loop's execute-time limit is
 * 100 ms so a blocking call on it shows up as a blocked-thread warning.
 */
public final class VertxLoop implements AutoCloseable {

  private final Vertx vertx;
  private final Context context;

  public VertxLoop() {
    this.vertx =
        Vertx.vertx(
            new VertxOptions()
                .setMaxEventLoopExecuteTime(100)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
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

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Vert.x did not close within 10 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing Vert.x", e);
    }
  }
}
