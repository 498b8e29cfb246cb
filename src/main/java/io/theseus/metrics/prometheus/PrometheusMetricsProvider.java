package io.theseus.metrics.prometheus;

import io.theseus.analysis.MetricEvidence;
import io.theseus.config.MetricSpec;
import io.theseus.metrics.MetricQueryException;
import io.theseus.metrics.MetricQueryException.Kind;
import io.theseus.metrics.MetricsProvider;
import io.theseus.metrics.QueryContext;
import io.theseus.metrics.QueryObserver;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

/**
 * The {@link MetricsProvider} for Prometheus-compatible HTTP APIs, on vertx-web-client. Each fetch
 * is one request (see {@link PromqlBatcher}): an instant query for counts, a range query for
 * gauges, sent as a form POST so long batched queries fit. Every attempt has the configured
 * timeout; timeouts, refused connections, 429 and 5xx answers are retried with jittered exponential
 * backoff on Vert.x timers, up to {@code attempts} tries, so a fetch fails within about {@code
 * attempts * timeout + backoff * 2^attempts}. Never blocks the event loop.
 */
public final class PrometheusMetricsProvider implements MetricsProvider {

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final PrometheusOptions options;
  private final QueryObserver observer;
  private final PromqlBatcher batcher;
  private final PrometheusClient client;

  /**
   * Creates the provider and its HTTP client. Reads the CA file, if any, once here: call at wiring
   * time, not on an event loop.
   *
   * @param vertx the Vert.x instance whose event loop and timers the queries use
   * @param options endpoint, timeouts, retries, credentials and TLS
   * @param observer told of each query's duration and failure kind (telemetry)
   */
  public PrometheusMetricsProvider(Vertx vertx, PrometheusOptions options, QueryObserver observer) {
    this.vertx = vertx;
    this.options = options;
    this.observer = observer;
    this.batcher = new PromqlBatcher(options.staleAfter(), options.scrapeInterval());
    this.client = new PrometheusClient(vertx, options);
  }

  /** A provider that reports its queries to nobody. */
  public PrometheusMetricsProvider(Vertx vertx, PrometheusOptions options) {
    this(vertx, options, QueryObserver.NONE);
  }

  @Override
  public Future<MetricEvidence> fetch(MetricSpec metric, QueryContext context, Instant end) {
    long started = System.nanoTime();
    return batch(metric, context, end)
        .compose(batch -> send(batch, 1).map(body -> parse(metric, batch, body)))
        .recover(error -> Future.failedFuture(classified(metric, error)))
        .andThen(outcome -> observe(metric, started, outcome.cause()));
  }

  /** Closes the HTTP client. */
  public void close() {
    client.close();
  }

  private Future<PromqlBatch> batch(MetricSpec metric, QueryContext context, Instant end) {
    try {
      return Future.succeededFuture(batcher.batch(metric, context, end));
    } catch (MetricQueryException e) {
      return Future.failedFuture(e);
    }
  }

  private MetricEvidence parse(MetricSpec metric, PromqlBatch batch, Buffer body) {
    return PrometheusResponseParser.evidence(
        batch, metric.kind(), options.staleAfter(), body.getBytes());
  }

  private Future<Buffer> send(PromqlBatch batch, int attempt) {
    return client
        .post(batch.range() ? "/api/v1/query_range" : "/api/v1/query", form(batch))
        .transform(
            (response, error) -> {
              if (error == null && response.statusCode() == 200) {
                return Future.succeededFuture(response.bodyAsBuffer());
              }
              MetricQueryException failure =
                  error == null ? httpFailure(batch, response) : transportFailure(batch, error);
              if (retryable(failure, response) && attempt < options.attempts()) {
                return vertx.timer(backoffMs(attempt)).compose(v -> send(batch, attempt + 1));
              }
              return Future.failedFuture(failure);
            });
  }

  private static MultiMap form(PromqlBatch batch) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("query", batch.promql());
    if (batch.range()) {
      form.add("start", seconds(batch.start()))
          .add("end", seconds(batch.end()))
          .add("step", seconds(batch.step()));
    } else {
      form.add("time", seconds(batch.end()));
    }
    return form;
  }

  private static String seconds(Instant t) {
    return BigDecimal.valueOf(t.toEpochMilli(), 3).toPlainString();
  }

  private static String seconds(Duration d) {
    return BigDecimal.valueOf(d.toMillis(), 3).toPlainString();
  }

  private static MetricQueryException httpFailure(PromqlBatch batch, HttpResponse<Buffer> resp) {
    Buffer body = resp.bodyAsBuffer();
    return PrometheusResponseParser.httpFailure(
        batch, resp.statusCode(), body == null ? new byte[0] : body.getBytes());
  }

  private MetricQueryException transportFailure(PromqlBatch batch, Throwable error) {
    if (error instanceof MetricQueryException known) {
      return known; // e.g. an unreadable bearer token file
    }
    // Vert.x reports a request timeout as a TimeoutException; everything else on the way (refused,
    // reset, TLS handshake, DNS) means the backend could not be reached.
    Kind kind = error instanceof TimeoutException ? Kind.TIMEOUT : Kind.CONNECTION;
    String what = kind == Kind.TIMEOUT ? "no answer within " + options.timeout() : "unreachable";
    return new MetricQueryException(
        kind,
        "metric " + batch.metric() + ": Prometheus at " + options.url() + " " + what + ": " + error,
        error);
  }

  private static boolean retryable(MetricQueryException failure, HttpResponse<Buffer> response) {
    if (response == null) {
      return failure.kind() == Kind.TIMEOUT || failure.kind() == Kind.CONNECTION;
    }
    return response.statusCode() >= 500 || response.statusCode() == 429;
  }

  /** Equal jitter: half the exponential step fixed, half random, so retries never align. */
  private long backoffMs(int attempt) {
    long step = Math.min(MAX_BACKOFF.toMillis(), options.backoff().toMillis() << (attempt - 1));
    return step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
  }

  private static MetricQueryException classified(MetricSpec metric, Throwable error) {
    return error instanceof MetricQueryException known
        ? known
        : new MetricQueryException(Kind.OTHER, "metric " + metric.name() + ": " + error, error);
  }

  private void observe(MetricSpec metric, long startedNanos, Throwable failure) {
    observer.observe(
        metric.name(),
        Duration.ofNanos(System.nanoTime() - startedNanos),
        (MetricQueryException) failure);
  }
}
