package io.theseus.playground;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

class TestVertxTest {

  @Test
  void detectsASleepOnAnEventLoopLongerThan100Ms() throws Exception {
    assertThat(warningsAfter(() -> sleep(300))).isPositive();
  }

  @Test
  void detectsAnEventLoopComputingForASecond() throws Exception {
    assertThat(warningsAfter(() -> busyWait(1_500))).isPositive();
  }

  /** Deliberately blocks one event loop, the mistake the watch exists to catch. */
  private static int warningsAfter(Runnable block) throws Exception {
    var watch = new TestVertx();
    watch.beforeEach((ExtensionContext) null);
    Vertx vertx = watch.get();
    vertx.runOnContext(v -> block.run());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (watch.blockedThreadWarnings() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return watch.blockedThreadWarnings();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void busyWait(long millis) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
