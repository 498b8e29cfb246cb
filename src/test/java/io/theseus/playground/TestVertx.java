package io.theseus.playground;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * A Vert.x instance per test whose blocked-thread checker fires after 100 ms on an event loop (with
 * a stack sample), and which fails the test if it caught Theseus code blocking there (see {@link
 * #ourWarnings()}). Register it with {@code @RegisterExtension}.
 */
public final class TestVertx implements BeforeEachCallback, AfterEachCallback {

  private static final String CHECKER_LOGGER = "io.vertx.core.impl.BlockedThreadChecker";

  private static final long FAILING_BLOCK_MS = 200;
  private static final Pattern BLOCKED_FOR = Pattern.compile("blocked for (\\d+) ms");
  private static boolean warmedUp;

  private final List<ILoggingEvent> warnings = new CopyOnWriteArrayList<>();
  // The checker logs from its own thread while the test reads: a concurrent list, not ListAppender.
  private final AppenderBase<ILoggingEvent> appender =
      new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          warnings.add(event);
        }
      };
  private Vertx vertx;

  /** The test's Vert.x instance. */
  public Vertx get() {
    return vertx;
  }

  /** The blocked-thread warnings logged so far that caught Theseus code on the event loop. */
  public int blockedThreadWarnings() {
    return ourWarnings().size();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    warmUpOncePerJvm();
    warnings.clear();
    appender.start();
    checkerLogger().addAppender(appender);
    vertx =
        Vertx.vertx(
            new VertxOptions()
                .setMaxEventLoopExecuteTime(100)
                .setMaxEventLoopExecuteTimeUnit(MILLISECONDS)
                .setBlockedThreadCheckInterval(20)
                .setBlockedThreadCheckIntervalUnit(MILLISECONDS)
                .setWarningExceptionTime(100)
                .setWarningExceptionTimeUnit(MILLISECONDS));
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    // The test thread is no event loop: waiting for the close here blocks nothing.
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    checkerLogger().detachAppender(appender);
    assertThat(ourWarnings())
        .as("blocked-thread warnings (an event loop ran Theseus code for > 100 ms)")
        .isEmpty();
  }

  /**
   * The first request of a JVM loads Netty's resolver, the HTTP codecs, Jackson, client_java on the
   * event loop; on a starved 2-core CI box that alone can exceed 100 ms. Running one request
   * through proxy and service once, unwatched, keeps the watch about code that blocks rather than
   * about class loading.
   */
  private static synchronized void warmUpOncePerJvm() throws Exception {
    if (warmedUp) {
      return;
    }
    // AssertJ's first assertions load hundreds of classes too; tests assert on event loops.
    assertThat(List.of(1.0)).allSatisfy(d -> assertThat(d).isEqualTo(1.0).isBetween(0.0, 2.0));
    assertThat("warm").startsWith("w");
    assertThat(1L).isPositive();
    Vertx warm = Vertx.vertx();
    try {
      ProxyFixture.start(warm, ProxyFixture.FAST, ProxyFixture.FAST)
          .compose(
              f ->
                  f.get(2, "x-warm", "up")
                      .compose(r -> f.scrape("istio_requests_total"))
                      .compose(r -> f.stop()))
          .toCompletionStage()
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    } finally {
      warm.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    warmedUp = true;
  }

  /**
   * Warnings that caught Theseus code (main or test) on an event loop for at least twice the 100 ms
   * limit. Vert.x logs every overrun; the test fails on these only. A sample inside Netty with no
   * Theseus frame, or a single overrun of a few ms in a trivial call, is the thread starved of CPU
   * (or paused by GC) on a loaded shared 2-core box, not code that blocks: a sleep, a join or
   * synchronous I/O of ours stays on the stack sample after sample and crosses 200 ms.
   */
  private List<String> ourWarnings() {
    return warnings.stream()
        .filter(TestVertx::showsTheseusCode)
        .filter(e -> blockedMillis(e) >= FAILING_BLOCK_MS)
        .map(e -> e.getFormattedMessage() + " at " + firstTheseusFrame(e))
        .toList();
  }

  private static long blockedMillis(ILoggingEvent event) {
    Matcher m = BLOCKED_FOR.matcher(event.getFormattedMessage());
    return m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
  }

  private static boolean showsTheseusCode(ILoggingEvent event) {
    return !firstTheseusFrame(event).isEmpty();
  }

  private static String firstTheseusFrame(ILoggingEvent event) {
    IThrowableProxy sample = event.getThrowableProxy();
    if (sample == null) {
      return "";
    }
    return Arrays.stream(sample.getStackTraceElementProxyArray())
        .map(StackTraceElementProxy::getStackTraceElement)
        .filter(frame -> frame.getClassName().startsWith("io.theseus."))
        .map(StackTraceElement::toString)
        .findFirst()
        .orElse("");
  }

  private static Logger checkerLogger() {
    return (Logger) LoggerFactory.getLogger(CHECKER_LOGGER);
  }
}
