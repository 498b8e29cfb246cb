package io.theseus.playground;

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
 * A Vert.x instance per test whose blocked-thread checker fires after 100 ms on an event loop (with
 * a stack sample), and which fails the test if it caught Theseus code blocking there (see {@link
 * BlockedThreadWarning}). Register it with {@code @RegisterExtension}.
 */
public final class TestVertx implements BeforeEachCallback, AfterEachCallback {

  private static final String CHECKER_LOGGER = "io.vertx.core.impl.BlockedThreadChecker";

  private static boolean warmedUp;

  private final List<BlockedThreadWarning> warnings = new CopyOnWriteArrayList<>();
  // The checker logs from its own thread while the test reads: a concurrent list, not ListAppender.
  private final AppenderBase<ILoggingEvent> appender =
      new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          warnings.add(BlockedThreadWarning.capture(event));
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
        .as("blocked-thread warnings (Theseus code blocked an event loop)")
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

  private List<String> ourWarnings() {
    return warnings.stream()
        .filter(BlockedThreadWarning::showsBlockingCode)
        .map(BlockedThreadWarning::toString)
        .toList();
  }

  private static Logger checkerLogger() {
    return (Logger) LoggerFactory.getLogger(CHECKER_LOGGER);
  }
}
