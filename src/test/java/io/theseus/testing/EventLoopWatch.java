package io.theseus.testing;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * A Vert.x instance per test whose blocked-thread checker fires after 100 ms on an event loop, with
 * a stack sample. The test fails when a warning caught the loop blocking ({@link
 * LoopOverrun#blocking}). Overruns with the loop running plain code (CPU starvation of a shared
 * 2-core machine running two end-to-end forks and Prometheus) are counted and printed; with {@code
 * -Dtheseus.strictEventLoop=true} (a quiet machine), or when constructed strict, they fail the test
 * too. Register it with {@code @RegisterExtension}.
 */
public final class EventLoopWatch implements BeforeEachCallback, AfterEachCallback {

  private static final String CHECKER = "io.vertx.core.impl.BlockedThreadChecker";

  private final boolean strict;
  // The checker logs from its own thread while the test reads: a concurrent list.
  private final List<LoopOverrun> overruns = new CopyOnWriteArrayList<>();
  private final AppenderBase<ILoggingEvent> appender =
      new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          overruns.add(LoopOverrun.capture(event));
        }
      };
  private Vertx vertx;

  /** Fails on blocking; plain overruns fail only under {@code -Dtheseus.strictEventLoop=true}. */
  public EventLoopWatch() {
    this(Boolean.getBoolean("theseus.strictEventLoop"));
  }

  /**
   * @param strict whether any overrun fails the test, not only blocking
   */
  public EventLoopWatch(boolean strict) {
    this.strict = strict;
  }

  /** The test's Vert.x instance. */
  public Vertx get() {
    return vertx;
  }

  /** Overruns so far that fail the test: blocking ones, or all of them when strict. */
  public List<String> failures() {
    return overruns.stream()
        .filter(o -> strict || o.blocking())
        .map(LoopOverrun::toString)
        .toList();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    overruns.clear();
    appender.start();
    checker().addAppender(appender);
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
    // The test thread is no event loop: waiting for the close here blocks nothing.
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    checker().detachAppender(appender);
    List<String> failures = failures();
    System.out.printf(
        "%s: %d event-loop overruns over 100 ms, %d failing%n",
        context == null ? "watch" : context.getDisplayName(), overruns.size(), failures.size());
    assertThat(failures).as("event-loop overruns (blocking, or any when strict)").isEmpty();
  }

  private static Logger checker() {
    return (Logger) LoggerFactory.getLogger(CHECKER);
  }
}
