package io.theseus.controller;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * A Vert.x per test whose blocked-thread checker fires after 100 ms on an event loop and records
 * where the loop was. The test fails when a warning caught the loop inside a blocking call (sleep,
 * wait, park, file or socket I/O, process wait). Overruns with the loop running plain code (class
 * loading, or CPU starvation of a shared 2-core machine running two end-to-end forks, Prometheus
 * and load at a load average above 10) are counted and printed; with {@code
 * -Dtheseus.strictEventLoop=true} (a quiet machine) they fail the test too.
 */
public final class BlockingCallWatch implements BeforeEachCallback, AfterEachCallback {

  private static final String CHECKER = "io.vertx.core.impl.BlockedThreadChecker";
  private static final List<String> BLOCKING_FRAMES =
      List.of(
          "java.lang.Thread.sleep",
          "java.lang.Object.wait",
          "jdk.internal.misc.Unsafe.park",
          "java.io.FileInputStream.read",
          "java.io.FileOutputStream.write",
          "sun.nio.ch.FileChannelImpl",
          "sun.nio.fs.UnixNativeDispatcher",
          "java.lang.ProcessImpl",
          "java.lang.ProcessHandleImpl",
          "sun.nio.ch.NioSocketImpl",
          "java.net.SocketInputStream",
          "java.util.concurrent.CompletableFuture.get");

  private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
  private Vertx vertx;

  /** The test's Vert.x instance. */
  public Vertx get() {
    return vertx;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    warnings.list.clear();
    warnings.start();
    checker().addAppender(warnings);
    vertx =
        Vertx.vertx(
            new VertxOptions()
                .setMaxEventLoopExecuteTime(100)
                .setMaxEventLoopExecuteTimeUnit(MILLISECONDS)
                .setWarningExceptionTime(100)
                .setWarningExceptionTimeUnit(MILLISECONDS)
                .setBlockedThreadCheckInterval(20)
                .setBlockedThreadCheckIntervalUnit(MILLISECONDS));
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    checker().detachAppender(warnings);
    List<String> blocking =
        warnings.list.stream()
            .map(BlockingCallWatch::blockingFrame)
            .filter(f -> f != null)
            .toList();
    System.out.printf(
        "%s: %d event-loop overruns over 100 ms, %d inside blocking calls%n",
        context.getDisplayName(), warnings.list.size(), blocking.size());
    assertThat(blocking).as("event loops caught inside blocking calls").isEmpty();
    if (Boolean.getBoolean("theseus.strictEventLoop")) {
      assertThat(warnings.list).as("event-loop overruns over 100 ms").isEmpty();
    }
  }

  /** The first blocking frame near the top of the warning's stack, or null. */
  private static String blockingFrame(ILoggingEvent warning) {
    IThrowableProxy thrown = warning.getThrowableProxy();
    if (thrown == null) {
      return null;
    }
    return Arrays.stream(thrown.getStackTraceElementProxyArray())
        .limit(8)
        .map(StackTraceElementProxy::getSTEAsString)
        .filter(frame -> BLOCKING_FRAMES.stream().anyMatch(frame::contains))
        .findFirst()
        .orElse(null);
  }

  private static Logger checker() {
    return (Logger) LoggerFactory.getLogger(CHECKER);
  }
}
