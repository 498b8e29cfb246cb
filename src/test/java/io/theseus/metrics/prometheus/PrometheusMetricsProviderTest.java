package io.theseus.metrics.prometheus;

import static io.theseus.testing.Blocking.await;
import static io.theseus.testing.Blocking.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.analysis.RatioCounts;
import io.theseus.metrics.MetricQueryException;
import io.theseus.metrics.MetricQueryException.Kind;
import io.theseus.metrics.QueryContext;
import io.theseus.metrics.prometheus.PrometheusOptions.Auth;
import io.theseus.metrics.prometheus.PrometheusOptions.Tls;
import io.theseus.testing.IstioQueries;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SelfSignedCertificate;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider's HTTP behaviour against small real HTTP servers that misbehave on purpose. */
class PrometheusMetricsProviderTest {

  private static final Instant END = Instant.ofEpochSecond(1764489600);
  private static final QueryContext CONTEXT = CartContext.CART;
  private static final byte[] OK = PrometheusResponseParserTest.fixture("ratio-vector.json");

  private final Vertx vertx = Vertx.vertx();
  private final List<HttpServerRequest> requests = new CopyOnWriteArrayList<>();
  private final List<String> observed = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeVertx() {
    await(vertx.close());
  }

  @Test
  void sendsOneFormPostPerMetricWithTheBatchedQueryAndTime() {
    HttpServer server = serve(req -> req.response().end(Buffer.buffer(OK)));
    var provider = provider(server);

    var evidence = await(provider.fetch(IstioQueries.errorRate(), CONTEXT, END));

    assertThat(evidence.stable()).isEqualTo(new RatioCounts(9900, 9));
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).path()).isEqualTo("/api/v1/query");
    assertThat(requests.get(0).getFormAttribute("time")).isEqualTo("1764489600.000");
    assertThat(requests.get(0).getFormAttribute("query"))
        .contains("label_replace")
        .contains(" or ");
    assertThat(observed).containsExactly("error-rate:ok");
  }

  @Test
  void retriesAnUnavailablePrometheusAndReportsItsError() {
    HttpServer server =
        serve(
            req ->
                req.response()
                    .setStatusCode(503)
                    .end(
                        "{\"status\":\"error\",\"errorType\":\"unavailable\","
                            + "\"error\":\"too many concurrent queries\"}"));

    Throwable failure = failure(provider(server).fetch(IstioQueries.errorRate(), CONTEXT, END));

    assertThat(failure).hasMessageContaining("HTTP 503: unavailable: too many concurrent queries");
    assertThat(((MetricQueryException) failure).kind()).isEqualTo(Kind.HTTP);
    assertThat(requests).hasSize(3);
    assertThat(observed).containsExactly("error-rate:http");
  }

  @Test
  void neitherRetriesARejectedQueryNorAMalformedAnswer() {
    HttpServer server =
        serve(
            req -> {
              boolean first = requests.size() == 1;
              req.response()
                  .setStatusCode(first ? 400 : 200)
                  .end(
                      first
                          ? "{\"status\":\"error\","
                              + "\"errorType\":\"bad_data\",\"error\":\"parse error\"}"
                          : "{\"status\":");
            });
    var provider = provider(server);

    Throwable rejected = failure(provider.fetch(IstioQueries.errorRate(), CONTEXT, END));
    Throwable malformed = failure(provider.fetch(IstioQueries.errorRate(), CONTEXT, END));

    assertThat(((MetricQueryException) rejected).kind()).isEqualTo(Kind.INVALID_QUERY);
    assertThat(((MetricQueryException) malformed).kind()).isEqualTo(Kind.MALFORMED);
    assertThat(requests).hasSize(2);
  }

  @Test
  void aSilentServerTimesOutWithinAttemptsTimesTimeout() {
    HttpServer answering = serve(req -> req.response().end(Buffer.buffer(OK)));
    HttpServer silent = serve(req -> {}); // accepts, never answers
    await(provider(answering).fetch(IstioQueries.errorRate(), CONTEXT, END)); // warm up the JVM
    requests.clear();
    long started = System.nanoTime();

    Throwable failure = failure(provider(silent).fetch(IstioQueries.errorRate(), CONTEXT, END));

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(((MetricQueryException) failure).kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(failure).hasMessageContaining("no answer within PT0.3S");
    assertThat(requests).hasSize(3);
    // 3 attempts of 300 ms and two backoffs of at most 50 and 100 ms, plus slack for a loaded
    // 2-core machine.
    assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(900 + 150 + 2000));
  }

  @Test
  void aServerTricklingItsAnswerTimesOutLikeASilentOne() {
    HttpServer answering = serve(req -> req.response().end(Buffer.buffer(OK)));
    HttpServer trickling =
        serve(
            req -> {
              req.response().setChunked(true).write("{");
              vertx.setPeriodic(100, id -> req.response().write(" ")); // a byte well inside 300 ms
            });
    await(provider(answering).fetch(IstioQueries.errorRate(), CONTEXT, END)); // warm up the JVM
    long started = System.nanoTime();

    Throwable failure = failure(provider(trickling).fetch(IstioQueries.errorRate(), CONTEXT, END));

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(((MetricQueryException) failure).kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(took).isLessThan(Duration.ofMillis(900 + 150 + 2000));
  }

  @Test
  void aRefusedConnectionIsAConnectionError() {
    HttpServer server = serve(req -> {});
    var provider = provider(server);
    await(server.close());

    Throwable failure = failure(provider.fetch(IstioQueries.errorRate(), CONTEXT, END));

    assertThat(((MetricQueryException) failure).kind()).isEqualTo(Kind.CONNECTION);
    assertThat(failure).hasMessageContaining("unreachable");
  }

  @Test
  void sendsBasicAuthCustomHeadersAndThePathPrefix() {
    HttpServer server = serve(req -> req.response().end(Buffer.buffer(OK)));
    var options =
        PrometheusOptions.of(
                URI.create("http://127.0.0.1:" + server.actualPort() + "/prometheus/"),
                Duration.ofSeconds(15))
            .withSecurity(
                new Auth.Basic("theseus", "s3cret"),
                new Tls(null, false),
                Map.of("X-Scope-OrgID", "tenant-a"));

    await(
        new PrometheusMetricsProvider(vertx, options)
            .fetch(IstioQueries.errorRate(), CONTEXT, END));

    HttpServerRequest req = requests.get(0);
    assertThat(req.path()).isEqualTo("/prometheus/api/v1/query");
    assertThat(req.getHeader("X-Scope-OrgID")).isEqualTo("tenant-a");
    assertThat(req.getHeader("Authorization")).isEqualTo("Basic dGhlc2V1czpzM2NyZXQ=");
  }

  @Test
  void rereadsTheBearerTokenFileOnEveryQuery(@TempDir Path dir) throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "first\n");
    HttpServer server = serve(req -> req.response().end(Buffer.buffer(OK)));
    var provider =
        new PrometheusMetricsProvider(
            vertx,
            options(server)
                .withSecurity(new Auth.BearerFile(token), new Tls(null, false), Map.of()));

    await(provider.fetch(IstioQueries.errorRate(), CONTEXT, END));
    Files.writeString(token, "rotated");
    await(provider.fetch(IstioQueries.errorRate(), CONTEXT, END));

    assertThat(requests)
        .extracting(r -> r.getHeader("Authorization"))
        .containsExactly("Bearer first", "Bearer rotated");
  }

  @Test
  void trustsAServerCertificateOnlyThroughTheCaFileOrTheInsecureFlag() {
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    HttpServer server =
        await(
            vertx
                .createHttpServer(
                    new HttpServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions()))
                .requestHandler(this.record(req -> req.response().end(Buffer.buffer(OK))))
                .listen(0, "127.0.0.1"));
    URI url = URI.create("https://localhost:" + server.actualPort());
    PrometheusOptions plain =
        PrometheusOptions.of(url, Duration.ofSeconds(15))
            .withRetries(Duration.ofSeconds(10), 1, Duration.ofMillis(10));

    Throwable untrusted =
        failure(
            new PrometheusMetricsProvider(vertx, plain)
                .fetch(IstioQueries.errorRate(), CONTEXT, END));
    var withCa =
        plain.withSecurity(
            new Auth.None(), new Tls(Path.of(cert.certificatePath()), false), Map.of());
    var insecure = plain.withSecurity(new Auth.None(), new Tls(null, true), Map.of());

    assertThat(((MetricQueryException) untrusted).kind())
        .as(untrusted.toString())
        .isEqualTo(Kind.CONNECTION);
    assertThat(
            await(
                new PrometheusMetricsProvider(vertx, withCa)
                    .fetch(IstioQueries.errorRate(), CONTEXT, END)))
        .isNotNull();
    assertThat(
            await(
                new PrometheusMetricsProvider(vertx, insecure)
                    .fetch(IstioQueries.errorRate(), CONTEXT, END)))
        .isNotNull();
  }

  private PrometheusMetricsProvider provider(HttpServer server) {
    return new PrometheusMetricsProvider(
        vertx,
        options(server),
        (metric, elapsed, failure) ->
            observed.add(metric + ":" + (failure == null ? "ok" : failure.kind().label())));
  }

  private static PrometheusOptions options(HttpServer server) {
    return PrometheusOptions.of(
            URI.create("http://127.0.0.1:" + server.actualPort()), Duration.ofSeconds(15))
        .withRetries(Duration.ofMillis(300), 3, Duration.ofMillis(50));
  }

  private HttpServer serve(Handler<HttpServerRequest> handler) {
    return await(vertx.createHttpServer().requestHandler(record(handler)).listen(0, "127.0.0.1"));
  }

  private Handler<HttpServerRequest> record(Handler<HttpServerRequest> handler) {
    return req -> {
      req.setExpectMultipart(true);
      req.endHandler(
          v -> {
            requests.add(req);
            handler.handle(req);
          });
    };
  }
}
