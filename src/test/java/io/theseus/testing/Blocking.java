package io.theseus.testing;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits on a Vert.x future from a test thread (never an event loop). */
public final class Blocking {

  private Blocking() {}

  /** The future's value; fails the test if it fails or takes over 60 s. */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("future did not complete", e);
    }
  }

  /** The future's failure; fails the test if it succeeds or takes over 60 s. */
  public static Throwable failure(Future<?> future) {
    try {
      Object value = future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("future did not complete", e);
    }
  }

  /**
   * Calls {@code attempt} until one fails (polling every 250 ms), and returns that failure.
   *
   * @throws AssertionError when every attempt within {@code timeout} succeeds
   */
  public static Throwable firstFailure(Supplier<Future<?>> attempt, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Future<?> outcome = attempt.get();
      try {
        outcome.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        Thread.sleep(250); // poll period: the condition is re-checked, never assumed
      } catch (ExecutionException e) {
        return e.getCause();
      } catch (InterruptedException | TimeoutException e) {
        throw new AssertionError("attempt did not complete", e);
      }
    }
    throw new AssertionError("every attempt succeeded for " + timeout);
  }

  /**
   * Calls {@code attempt} until one succeeds (polling every 250 ms), and returns its value.
   *
   * @throws AssertionError with the last failure when none succeeds within {@code timeout}
   */
  public static <T> T firstSuccess(Supplier<Future<T>> attempt, Duration timeout) {
    return firstSuccess(attempt, value -> true, timeout);
  }

  /**
   * Calls {@code attempt} until one succeeds with a value {@code accepted} (polling every 250 ms).
   *
   * @throws AssertionError with the last failure or value when none does within {@code timeout}
   */
  public static <T> T firstSuccess(
      Supplier<Future<T>> attempt, Predicate<T> accepted, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Object last = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        T value = attempt.get().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        if (accepted.test(value)) {
          return value;
        }
        last = value;
      } catch (ExecutionException e) {
        last = e.getCause();
      } catch (InterruptedException | TimeoutException e) {
        throw new AssertionError("attempt did not complete", e);
      }
      try {
        Thread.sleep(250); // poll period
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("no attempt succeeded within " + timeout + "; last: " + last);
  }
}
