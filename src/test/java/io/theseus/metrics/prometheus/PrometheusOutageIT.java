package io.theseus.metrics.prometheus;

import static io.theseus.testing.Blocking.failure;
import static io.theseus.testing.Blocking.firstSuccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.analysis.MetricEvidence;
import io.theseus.analysis.RatioCounts;
import io.theseus.metrics.MetricQueryException;
import io.theseus.metrics.MetricQueryException.Kind;
import io.theseus.metrics.QueryContext;
import io.theseus.testing.IstioExporter;
import io.theseus.testing.IstioExporter.Workload;
import io.theseus.testing.IstioQueries;
import io.theseus.testing.PrometheusExtension;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Prometheus that dies or hangs mid-rollout is an ERROR in bounded time, and recovers. */
class PrometheusOutageIT {

  private static final Vertx VERTX = Vertx.vertx();
  private static final IstioExporter EXPORTER = IstioExporter.start(VERTX);
  private static final Workload STABLE = new Workload("shop", "cart", "cart-v1", "v1");
  private static final Workload CANARY = new Workload("shop", "cart", "cart-v2", "v2");
  private static final QueryContext CONTEXT = CartContext.CART;
  private static final Duration TIMEOUT = Duration.ofMillis(1500);
  private static final int ATTEMPTS = 2;
  private static final Duration BACKOFF = Duration.ofMillis(100);

  @RegisterExtension
  static final PrometheusExtension PROMETHEUS =
      PrometheusExtension.scraping(() -> List.of(EXPORTER.target()));

  private static PrometheusMetricsProvider provider;

  @BeforeAll
  static void serveTraffic() {
    for (Workload w : List.of(STABLE, CANARY)) {
      EXPORTER.serve(w, 200, 20, 100);
      EXPORTER.serve(w, 503, 20, 1);
    }
    provider =
        new PrometheusMetricsProvider(
            VERTX,
            PrometheusOptions.of(URI.create(PROMETHEUS.url()), Duration.ofSeconds(1))
                .withRetries(TIMEOUT, ATTEMPTS, BACKOFF));
  }

  @AfterAll
  static void stop() throws Exception {
    if (provider != null) {
      provider.close();
    }
    EXPORTER.close();
    VERTX.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aKilledPrometheusIsAnErrorWithinTheTimeoutAndTheProviderRecoversWhenItReturns() {
    firstSuccess(this::fetch, Duration.ofSeconds(45));

    PROMETHEUS.process().kill();
    long started = System.nanoTime();
    Throwable down = failure(fetch());
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(((MetricQueryException) down).kind()).isEqualTo(Kind.CONNECTION);
    assertThat(took).isLessThan(worstCase());

    PROMETHEUS.process().restart();
    EXPORTER.serve(CANARY, 200, 20, 5);
    // Recovered: the restarted Prometheus scrapes again and the provider reads the new requests.
    MetricEvidence recovered =
        firstSuccess(
            this::fetch, e -> ((RatioCounts) e.canary()).total() >= 5, Duration.ofSeconds(45));
    assertThat(((RatioCounts) recovered.canary()).total()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void aHungPrometheusTimesOutWithinTheTimeout() throws Exception {
    firstSuccess(this::fetch, Duration.ofSeconds(45));
    signal("-STOP");
    try {
      long started = System.nanoTime();
      Throwable hung = failure(fetch());
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(((MetricQueryException) hung).kind()).isEqualTo(Kind.TIMEOUT);
      assertThat(took).isBetween(TIMEOUT.multipliedBy(ATTEMPTS), worstCase());
    } finally {
      signal("-CONT");
    }
    assertThat(firstSuccess(this::fetch, Duration.ofSeconds(45))).isNotNull();
  }

  private io.vertx.core.Future<MetricEvidence> fetch() {
    return provider.fetch(IstioQueries.errorRate(), CONTEXT, Instant.now());
  }

  /** Every attempt's timeout, the longest backoffs, and a second of slack for a busy machine. */
  private static Duration worstCase() {
    return TIMEOUT.multipliedBy(ATTEMPTS).plus(BACKOFF.multipliedBy(ATTEMPTS)).plusSeconds(1);
  }

  private static void signal(String sig) throws Exception {
    Process kill =
        new ProcessBuilder("kill", sig, Long.toString(PROMETHEUS.process().pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }
}
