package io.theseus.playground;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

class TestVertxTest {

  @Test
  void detectsAnEventLoopBlockedForLongerThan100Ms() throws Exception {
    var watch = new TestVertx();
    watch.beforeEach((ExtensionContext) null);
    Vertx vertx = watch.get();
    // Deliberately block one event loop, the mistake the watch exists to catch.
    vertx.runOnContext(v -> busyWait(400));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (watch.blockedThreadWarnings() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(watch.blockedThreadWarnings()).isPositive();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void busyWait(long millis) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
