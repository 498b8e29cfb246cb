package io.theseus.playground;

import io.vertx.core.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (the Debian {@code prometheus} package's binary) run as a child process
 * on 127.0.0.1, with its own config and TSDB under a work directory and a short scrape interval.
 *
 * <p>Every method blocks: call them from a test thread or a Vert.x worker ({@code
 * executeBlocking}); on an event loop they throw {@link IllegalStateException}. Waits poll a
 * condition until a deadline, never a fixed sleep. {@link #close()} always stops the process.
 */
public final class PrometheusProcess implements AutoCloseable {

  /** The command that installs the binary on Debian and Ubuntu. */
  public static final String INSTALL_COMMAND =
      "apt-get install -y --no-install-recommends prometheus";

  private static final Duration POLL = Duration.ofMillis(100);

  private final Settings settings;
  private final Thread shutdownHook = new Thread(this::destroyForcibly, "prometheus-stop");
  private Process process;
  private PrometheusLog log;
  private int port;
  private PrometheusHttp http;

  /**
   * How to run Prometheus.
   *
   * @param binary the prometheus executable
   * @param workDir holds {@code prometheus.yml} and the TSDB in {@code data/}; must exist
   * @param targets the endpoints scraped
   * @param scrapeInterval scrape and rule evaluation interval
   * @param startTimeout bound on reaching {@code /-/ready}
   */
  public record Settings(
      Path binary,
      Path workDir,
      List<ScrapeTarget> targets,
      Duration scrapeInterval,
      Duration startTimeout) {

    public Settings {
      targets = List.copyOf(targets);
    }

    /** {@code /usr/bin/prometheus}, a 1 s scrape and a 30 s start bound. */
    public static Settings of(Path workDir, List<ScrapeTarget> targets) {
      return new Settings(
          Path.of("/usr/bin/prometheus"),
          workDir,
          targets,
          Duration.ofSeconds(1),
          Duration.ofSeconds(30));
    }

    /** The same settings with another executable. */
    public Settings withBinary(Path other) {
      return new Settings(other, workDir, targets, scrapeInterval, startTimeout);
    }
  }

  private PrometheusProcess(Settings settings) {
    this.settings = settings;
  }

  /** Starts Prometheus on 1 s scrapes of {@code targets}; returns once it answers ready. */
  public static PrometheusProcess start(Path workDir, List<ScrapeTarget> targets) {
    return start(Settings.of(workDir, targets));
  }

  /**
   * Starts Prometheus on a free loopback port and waits until {@code /-/ready} answers 200.
   *
   * @throws IllegalStateException when the binary is missing (the message names {@link
   *     #INSTALL_COMMAND}), or it exits or is not ready within the start timeout (with its log)
   */
  public static PrometheusProcess start(Settings settings) {
    requireWorkerThread();
    if (!Files.isExecutable(settings.binary())) {
      throw new IllegalStateException(
          "Prometheus binary "
              + settings.binary()
              + " is missing or not executable; install it with: "
              + INSTALL_COMMAND);
    }
    PrometheusProcess prometheus = new PrometheusProcess(settings);
    prometheus.launch(0);
    return prometheus;
  }

  /** The port Prometheus listens on, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:PORT}, the base of the HTTP API. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The child's process id (e.g. to signal it in a test). */
  public long pid() {
    return process.pid();
  }

  /** True while the child process runs. */
  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Runs one instant query at the current time. */
  public QueryAnswer query(String promql) {
    requireWorkerThread();
    return http.query(promql, null);
  }

  /** Runs one instant query evaluated at {@code time}. */
  public QueryAnswer query(String promql, Instant time) {
    requireWorkerThread();
    return http.query(promql, time);
  }

  /**
   * Waits until {@code promql} returns data (write the condition into the query, e.g. {@code
   * count(sum by (version) (x)) == 2}), polling every 100 ms.
   *
   * @return the first answer with data
   * @throws IllegalStateException on timeout, with the last answer and Prometheus's log
   */
  public QueryAnswer awaitData(String promql, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    QueryAnswer last = query(promql);
    while (!last.hasData()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "no data for "
                + promql
                + " within "
                + timeout
                + "; last answer: "
                + last
                + "\nPrometheus log:\n"
                + log.tail());
      }
      pause();
      last = query(promql);
    }
    return last;
  }

  /** Rewrites the scrape config to {@code targets} and reloads it without a restart. */
  public void updateTargets(List<ScrapeTarget> targets) {
    requireWorkerThread();
    writeConfig(targets);
    http.reload();
  }

  /** Kills the process at once (SIGKILL), as a crash would, and waits for it to exit. */
  public void kill() {
    requireWorkerThread();
    destroyForcibly();
  }

  /** Starts a killed or stopped Prometheus again on the same port and TSDB; waits until ready. */
  public void restart() {
    requireWorkerThread();
    if (isRunning()) {
      throw new IllegalStateException("Prometheus on port " + port + " is still running");
    }
    launch(port);
  }

  /** The last lines Prometheus logged. */
  public String logTail() {
    return log == null ? "" : log.tail();
  }

  /** Stops the process (SIGTERM, then SIGKILL after 10 s) and waits for it to exit. */
  @Override
  public void close() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        destroyForcibly();
      }
    } catch (InterruptedException e) {
      destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already exiting and the hook stops the process.
    }
  }

  private void launch(int listenPort) {
    writeConfig(settings.targets());
    List<String> command = new ArrayList<>();
    command.add(settings.binary().toString());
    command.add("--config.file=" + settings.workDir().resolve("prometheus.yml"));
    command.add("--storage.tsdb.path=" + settings.workDir().resolve("data"));
    command.add("--storage.tsdb.retention.time=1d");
    command.add("--web.listen-address=127.0.0.1:" + listenPort);
    command.add("--web.enable-lifecycle");
    command.add("--log.level=info");
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + settings.binary(), e);
    }
    addShutdownHookOnce();
    log = PrometheusLog.follow(process.getInputStream());
    Instant deadline = Instant.now().plus(settings.startTimeout());
    port = awaitPort(deadline);
    http = new PrometheusHttp(baseUrl());
    awaitReady(deadline);
  }

  private int awaitPort(Instant deadline) {
    try {
      return log.awaitPort(deadline);
    } catch (IllegalStateException e) {
      destroyForcibly();
      throw e;
    }
  }

  private void awaitReady(Instant deadline) {
    while (!http.ready()) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        destroyForcibly();
        throw new IllegalStateException("Prometheus did not become ready:\n" + log.tail());
      }
      pause();
    }
  }

  private void writeConfig(List<ScrapeTarget> targets) {
    try {
      Files.writeString(
          settings.workDir().resolve("prometheus.yml"),
          PrometheusConfigFile.render(targets, settings.scrapeInterval()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Prometheus config", e);
    }
  }

  private void addShutdownHookOnce() {
    try {
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } catch (IllegalArgumentException alreadyAdded) {
      // A restart keeps the hook of the first start.
    }
  }

  private void destroyForcibly() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis()); // one poll period between condition checks
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Prometheus", e);
    }
  }

  private static void requireWorkerThread() {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException(
          "PrometheusProcess blocks; call it from a worker thread (executeBlocking), not an event"
              + " loop");
    }
  }
}
