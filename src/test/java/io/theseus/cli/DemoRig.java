package io.theseus.cli;

import io.theseus.testing.EventLoopWatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every demo IT shares, registered as a static {@code @RegisterExtension}: the code paths
 * warmed up once before any checked Vert.x exists ({@link DemoHarness#warmUp}), then per test a
 * watched Vert.x ({@link EventLoopWatch}) and a fresh work directory for the demo's files.
 */
final class DemoRig implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

  /** What a test does with its started demo. */
  interface Body {
    void run(DemoHarness demo) throws Exception;
  }

  private final EventLoopWatch vertx = new EventLoopWatch();
  private Path dir;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    DemoHarness.warmUp();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("theseus-demo-it");
    vertx.beforeEach(context);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      vertx.afterEach(context);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  /** Starts {@code scenario}, runs {@code body} on it and stops the demo, pass or fail. */
  void run(String scenario, Body body) throws Exception {
    DemoHarness demo = new DemoHarness(vertx.get(), scenario, dir);
    try {
      demo.start();
      body.run(demo);
    } finally {
      demo.stop();
    }
  }
}
