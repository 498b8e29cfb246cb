package io.theseus.testing;

import io.theseus.playground.PrometheusProcess;
import io.theseus.playground.QueryAnswer;
import io.theseus.playground.ScrapeTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs one real Prometheus per test class: started before the class's tests with a temp config and
 * TSDB and a 1 s scrape of the supplied targets, always stopped (and its directory deleted) after
 * them. Register it as a static field with {@code @RegisterExtension}; the targets are asked for at
 * start, so a static exporter started in a field initializer can supply its port.
 */
public final class PrometheusExtension implements BeforeAllCallback, AfterAllCallback {

  /** Bound on waiting for a series: a new target is queryable about 6 s after start. */
  public static final Duration DATA_TIMEOUT = Duration.ofSeconds(45);

  private final Supplier<List<ScrapeTarget>> targets;
  private Path dir;
  private PrometheusProcess process;

  private PrometheusExtension(Supplier<List<ScrapeTarget>> targets) {
    this.targets = targets;
  }

  /** An extension whose Prometheus scrapes {@code targets} every second. */
  public static PrometheusExtension scraping(Supplier<List<ScrapeTarget>> targets) {
    return new PrometheusExtension(targets);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("theseus-prometheus-");
    process = PrometheusProcess.start(dir, targets.get());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (process != null) {
        process.close();
      }
    } finally {
      deleteDir();
    }
  }

  /** The running process (kill, restart, query). */
  public PrometheusProcess process() {
    return process;
  }

  /** The HTTP API's base URL. */
  public String url() {
    return process.baseUrl();
  }

  /** Waits until {@code promql} returns data, at most {@link #DATA_TIMEOUT}. */
  public QueryAnswer awaitData(String promql) {
    return process.awaitData(promql, DATA_TIMEOUT);
  }

  private void deleteDir() {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
