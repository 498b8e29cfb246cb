package io.theseus.playground;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends GET requests to a mesh proxy on 127.0.0.1 at a constant rate; deploy it as a verticle to
 * start it, undeploy it to stop it (the undeploy completes once every request in flight has been
 * answered or timed out). A 10 ms periodic timer sends whatever the elapsed time makes due, so the
 * rate holds whatever the timer's jitter. All its work runs on its own context; the counts may be
 * read from any thread.
 */
public final class LoadGenerator extends VerticleBase {

  private static final long TICK_MS = 10;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final LoadSpec spec;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Promise<Void> drained = Promise.promise();
  private WebClient client;
  private long timerId;
  private long startNanos;
  private int inFlight;
  private boolean stopped;

  public LoadGenerator(LoadSpec spec) {
    this.spec = spec;
  }

  @Override
  public Future<?> start() {
    client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true));
    startNanos = System.nanoTime();
    timerId = vertx.setPeriodic(TICK_MS, id -> sendDue());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timerId);
    completeIfDrained();
    return drained.future();
  }

  /** The counts so far. */
  public LoadCounts counts() {
    return new LoadCounts(sent.get(), ok.get(), failed.get(), dropped.get());
  }

  private void sendDue() {
    long due = (System.nanoTime() - startNanos) * spec.ratePerSecond() / NANOS_PER_SECOND;
    for (long issued = sent.get() + dropped.get(); issued < due && !stopped; issued++) {
      if (inFlight >= spec.maxInFlight()) {
        dropped.incrementAndGet();
      } else {
        send();
      }
    }
  }

  private void send() {
    inFlight++;
    sent.incrementAndGet();
    client
        .get(spec.port(), "127.0.0.1", "/")
        .timeout(spec.timeout().toMillis())
        .send()
        .onComplete(
            outcome -> {
              (isOk(outcome.succeeded() ? outcome.result() : null) ? ok : failed).incrementAndGet();
              inFlight--;
              completeIfDrained();
            });
  }

  private static boolean isOk(HttpResponse<Buffer> response) {
    return response != null && response.statusCode() / 100 == 2;
  }

  private void completeIfDrained() {
    if (stopped && inFlight == 0 && drained.tryComplete()) {
      client.close();
    }
  }
}
