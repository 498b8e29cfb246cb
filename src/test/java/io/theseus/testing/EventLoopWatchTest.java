package io.theseus.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventLoopWatchTest {

  @Test
  void failsASleepOnAnEventLoopLongerThan100Ms() throws Exception {
    assertThat(failuresAfter(new EventLoopWatch(false), () -> sleep(300)))
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f).contains("java.lang.Thread.sleep"));
  }

  @Test
  void failsAnEventLoopParkedOnAFuture() throws Exception {
    var parked = new CompletableFuture<Void>();
    assertThat(failuresAfter(new EventLoopWatch(false), () -> waitFor(parked))).isNotEmpty();
    parked.complete(null);
  }

  @Test
  void failsAnEventLoopComputingForLongOnlyWhenStrict() throws Exception {
    assertThat(failuresAfter(new EventLoopWatch(true), () -> busyWait(600))).isNotEmpty();
    assertThat(failuresAfter(new EventLoopWatch(false), () -> busyWait(600))).isEmpty();
  }

  /** Deliberately blocks one event loop, the mistake the watch exists to catch. */
  private static List<String> failuresAfter(EventLoopWatch watch, Runnable block) throws Exception {
    watch.beforeEach(null);
    var done = new CountDownLatch(1);
    watch
        .get()
        .runOnContext(
            v -> {
              block.run();
              done.countDown();
            });
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    List<String> failures = watch.failures();
    Throwable closing = catchThrowable(() -> watch.afterEach(null));
    assertThat(closing == null)
        .as("afterEach passes exactly when nothing failed")
        .isEqualTo(failures.isEmpty());
    return failures;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void waitFor(CompletableFuture<Void> future) {
    try {
      future.get(300, TimeUnit.MILLISECONDS);
    } catch (Exception expected) {
      // timed out, as intended: the loop was parked for 300 ms
    }
  }

  private static void busyWait(long millis) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
