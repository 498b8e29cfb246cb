package io.theseus.playground;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drains a Prometheus child's log (so the pipe never fills and stalls it), keeps its last lines for
 * error messages, and reports the port it logged as {@code msg="Listening on"}.
 */
final class PrometheusLog {

  private static final Pattern LISTENING =
      Pattern.compile("msg=\"Listening on\" address=\\S*:(\\d+)");
  private static final int KEPT_LINES = 40;

  private final Deque<String> tail = new ArrayDeque<>();
  private final CompletableFuture<Integer> port = new CompletableFuture<>();

  /** Starts a daemon thread reading {@code log} until the process closes it. */
  static PrometheusLog follow(InputStream log) {
    PrometheusLog result = new PrometheusLog();
    Thread reader = new Thread(() -> result.drain(log), "prometheus-log");
    reader.setDaemon(true);
    reader.start();
    return result;
  }

  /**
   * Waits for the listening port to be logged.
   *
   * @throws IllegalStateException with the log when it ends first or {@code deadline} passes
   */
  int awaitPort(Instant deadline) {
    try {
      long waitMs = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
      return port.get(waitMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Prometheus did not start:\n" + tail(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while Prometheus started", e);
    }
  }

  /** The last lines logged, newest last. */
  synchronized String tail() {
    return String.join("\n", tail);
  }

  private void drain(InputStream log) {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(log, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        keep(line);
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          port.complete(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      keep("(log read failed: " + e.getMessage() + ")");
    }
    port.completeExceptionally(new IllegalStateException("Prometheus exited before listening"));
  }

  private synchronized void keep(String line) {
    if (tail.size() == KEPT_LINES) {
      tail.removeFirst();
    }
    tail.addLast(line);
  }
}
