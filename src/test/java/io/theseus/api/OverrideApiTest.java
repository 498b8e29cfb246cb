package io.theseus.api;

import static io.theseus.controller.OnLoop.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.theseus.controller.RolloutView;
import io.theseus.controller.WarmUp;
import io.theseus.rollout.MetricLine;
import io.theseus.rollout.RolloutPhase;
import io.theseus.rollout.RolloutStatus;
import io.theseus.rollout.RolloutStatus.AnalysisRecord;
import io.theseus.telemetry.TheseusMetrics;
import io.theseus.testing.EventLoopWatch;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OverrideApiTest {

  static final String TOKEN = "s3cret-token-for-tests";
  static final String PATH = "/api/v1/rollouts/demo/shop/override";

  @RegisterExtension final EventLoopWatch vertx = new EventLoopWatch();

  private MachineOverrides engine = new MachineOverrides(ApiViews.shopAt25());
  private int port;
  private ApiVerticle api;

  @BeforeAll
  static void loadHttpClassesOffTheCheckedEventLoop() throws Exception {
    WarmUp.http();
  }

  private void start(Set<String> namespaces, boolean openReads) throws Exception {
    TheseusMetrics metrics = new TheseusMetrics(new PrometheusRegistry(), "test");
    ApiAccess access =
        new ApiAccess(new StaticTokenAuthenticator(TOKEN, namespaces), engine, openReads);
    api = new ApiVerticle(engine, metrics, () -> true, ApiVerticle.LOOPBACK, 0, access);
    await(vertx.get(), () -> vertx.get().deployVerticle(api));
    port = api.actualPort();
  }

  private void start() throws Exception {
    start(Set.of(), false);
  }

  private HttpResponse<Buffer> post(String path, String authorization, Buffer body)
      throws Exception {
    WebClient client = WebClient.create(vertx.get());
    HttpRequest<Buffer> request = client.post(port, "127.0.0.1", path).timeout(10_000);
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return await(vertx.get(), () -> request.sendBuffer(body));
  }

  private HttpResponse<Buffer> post(String json) throws Exception {
    return post(PATH, "Bearer " + TOKEN, Buffer.buffer(json));
  }

  private HttpResponse<Buffer> get(String path, String authorization) throws Exception {
    WebClient client = WebClient.create(vertx.get());
    HttpRequest<Buffer> request = client.get(port, "127.0.0.1", path).timeout(10_000);
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return await(vertx.get(), request::send);
  }

  private static void assertError(HttpResponse<Buffer> r, int status, String field) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.getHeader("content-type")).isEqualTo("application/json");
    assertThat(r.bodyAsJsonObject().getString("field")).isEqualTo(field);
    assertThat(r.bodyAsJsonObject().getString("error")).isNotBlank();
  }

  @Test
  void acceptsAPauseWith202AndTheRecordedOverrideWhichTheRolloutThenShows() throws Exception {
    start();
    HttpResponse<Buffer> accepted = post("{\"action\":\"pause\",\"reason\":\"check p99\"}");

    assertThat(accepted.statusCode()).isEqualTo(202);
    JsonObject body = accepted.bodyAsJsonObject();
    assertThat(body.getString("action")).isEqualTo("pause");
    assertThat(body.getString("reason")).isEqualTo("check p99");
    assertThat(body.getString("by")).isEqualTo("static-token");
    assertThat(body.getString("phaseBefore")).isEqualTo("Progressing");
    assertThat(body.getString("phaseAfter")).isEqualTo("Paused");
    assertThat(body.getString("at")).isEqualTo("2026-01-01T10:05:00Z");
    assertThat(body.getBoolean("repeated")).isFalse();
    assertThat(engine.status().phase()).isEqualTo(RolloutPhase.PAUSED);

    JsonObject shown = get("/api/v1/rollouts/demo/shop", "Bearer " + TOKEN).bodyAsJsonObject();
    assertThat(shown.getString("phase")).isEqualTo("Paused");
    assertThat(shown.getJsonArray("overrides").getJsonObject(0).getString("reason"))
        .isEqualTo("check p99");
  }

  @Test
  void theSameActionTwiceAnswers202WithTheFirstRecordMarkedRepeated() throws Exception {
    start();
    JsonObject first = post("{\"action\":\"pause\",\"reason\":\"one\"}").bodyAsJsonObject();
    HttpResponse<Buffer> again = post("{\"action\":\"pause\",\"reason\":\"two\"}");
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(again.bodyAsJsonObject().getBoolean("repeated")).isTrue();
    assertThat(again.bodyAsJsonObject().getString("reason")).isEqualTo("one");
    assertThat(again.bodyAsJsonObject().getString("at")).isEqualTo(first.getString("at"));
    assertThat(engine.status().overrides()).hasSize(1);
  }

  @Test
  void anActionInvalidInThePhaseAnswers409NamingThePhase() throws Exception {
    start();
    HttpResponse<Buffer> resume = post("{\"action\":\"resume\",\"reason\":\"x\"}");
    assertError(resume, 409, "action");
    assertThat(resume.bodyAsJsonObject().getString("error"))
        .startsWith("resume is not valid in phase Progressing");
    assertThat(post("{\"action\":\"rollback\",\"reason\":\"bad\"}").statusCode()).isEqualTo(202);
    assertError(post("{\"action\":\"promote\",\"reason\":\"late\"}"), 409, "action");
  }

  @Test
  void anUnknownRolloutAnswers404() throws Exception {
    start();
    HttpResponse<Buffer> missing =
        post(
            "/api/v1/rollouts/demo/nope/override",
            "Bearer " + TOKEN,
            Buffer.buffer("{\"action\":\"pause\",\"reason\":\"x\"}"));
    assertError(missing, 404, "rollout");
    assertThat(missing.bodyAsJsonObject().getString("error"))
        .isEqualTo("rollout demo/nope not found");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "                                      | missing bearer token",
        "Bearer                                | missing bearer token",
        "Basic czNjcmV0                        | missing bearer token",
        "Bearer wrong                          | invalid bearer token",
        "Bearer s3cret-token-for-test          | invalid bearer token",
        "Bearer s3cret-token-for-tests-and-more | invalid bearer token",
        "Bearer S3CRET-TOKEN-FOR-TESTS         | invalid bearer token"
      })
  void withoutAValidBearerTokenNothingChangesAndTheAnswerIs401(String header, String error)
      throws Exception {
    start();
    HttpResponse<Buffer> r =
        post(PATH, header, Buffer.buffer("{\"action\":\"rollback\",\"reason\":\"x\"}"));
    assertError(r, 401, "Authorization");
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo(error);
    assertThat(r.getHeader("WWW-Authenticate")).startsWith("Bearer");
    assertThat(engine.status().phase()).isEqualTo(RolloutPhase.PROGRESSING);
  }

  @Test
  void aTokenScopedToOtherNamespacesAnswers403() throws Exception {
    start(Set.of("prod"), false);
    HttpResponse<Buffer> r = post("{\"action\":\"rollback\",\"reason\":\"x\"}");
    assertError(r, 403, "Authorization");
    assertThat(r.bodyAsJsonObject().getString("error"))
        .isEqualTo("static-token may not override rollout demo/shop");
    assertThat(engine.status().phase()).isEqualTo(RolloutPhase.PROGRESSING);
  }

  @Test
  void readEndpointsNeedTheTokenUnlessOpenWhileHealthAndMetricsStayOpen() throws Exception {
    start();
    assertError(get("/api/v1/rollouts", null), 401, "Authorization");
    assertError(get("/api/v1/rollouts/demo/shop", "Bearer nope"), 401, "Authorization");
    assertThat(get("/api/v1/rollouts", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
    assertThat(get("/readyz", null).statusCode()).isEqualTo(200);
    assertThat(get("/metrics", null).statusCode()).isEqualTo(200);
  }

  @Test
  void openReadsAnswerWithoutATokenButOverridesStillNeedIt() throws Exception {
    start(Set.of(), true);
    assertThat(get("/api/v1/rollouts/demo/shop", null).statusCode()).isEqualTo(200);
    assertError(
        post(PATH, null, Buffer.buffer("{\"action\":\"pause\",\"reason\":\"x\"}")),
        401,
        "Authorization");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "not json                                          | body",
        "[]                                                | body",
        "\"pause\"                                         | body",
        "''                                                | body",
        "{\"action\":\"pause\",\"reason\":\"x\"} {}        | body",
        "{\"action\":\"pause\",\"reason\":\"x\"            | body",
        "{\"action\":\"explode\",\"reason\":\"x\"}         | action",
        "{\"action\":\"PAUSE\",\"reason\":\"x\"}           | action",
        "{\"reason\":\"x\"}                                | action",
        "{\"action\":7,\"reason\":\"x\"}                   | action",
        "{\"action\":\"pause\"}                            | reason",
        "{\"action\":\"pause\",\"reason\":\"   \"}         | reason",
        "{\"action\":\"pause\",\"reason\":null}            | reason",
        "{\"action\":\"pause\",\"reason\":\"x\",\"by\":\"root\"} | by",
        "{\"action\":\"pause\",\"action\":\"rollback\",\"reason\":\"x\"} | action",
        "{\"action\":\"pause\",\"reason\":\"x\",\"reason\":\"y\"} | reason",
        "{\"action\":\"pause\",\"reason\":\"x\",\"extra\":[[[[[[[[[[[[1]]]]]]]]]]]]} | extra",
        "{\"action\":\"pause\",\"reason\":\"ok\\nINFO forged log line\"} | reason",
        "{\"action\":\"pause\",\"reason\":\"\\u001b[31mred\"}    | reason"
      })
  void aBadBodyAnswers400NamingTheField(String json, String field) throws Exception {
    start();
    assertError(post(json), 400, field);
    assertThat(engine.status().phase()).isEqualTo(RolloutPhase.PROGRESSING);
  }

  @Test
  void anOverLongReasonAnswers400CountingCharactersNotUtf16Units() throws Exception {
    start();
    String reason = "x".repeat(OverrideBody.MAX_REASON + 1);
    assertError(post("{\"action\":\"pause\",\"reason\":\"" + reason + "\"}"), 400, "reason");
    String fits = "\uD83D\uDE80".repeat(OverrideBody.MAX_REASON); // two UTF-16 units each
    assertThat(post("{\"action\":\"pause\",\"reason\":\"" + fits + "\"}").statusCode())
        .isEqualTo(202);
  }

  @Test
  void deepNestingAnswers400WithoutDescendingIntoIt() throws Exception {
    start();
    assertError(post("[".repeat(5000) + "]".repeat(5000)), 400, "body");
    assertError(
        post("{\"action\":" + "{\"a\":".repeat(2000) + "1" + "}".repeat(2001)), 400, "action");
  }

  @Test
  void aOneMegabyteBodyAnswers400AndSoDoesOneByteOverTheLimit() throws Exception {
    start();
    String padding = " ".repeat(1024 * 1024);
    HttpResponse<Buffer> huge = post("{\"action\":\"pause\",\"reason\":\"x\"}" + padding);
    assertError(huge, 400, "body");
    assertThat(huge.bodyAsJsonObject().getString("error")).isEqualTo("body: over 16384 bytes");
    String base = "{\"action\":\"pause\",\"reason\":\"x\"}";
    assertError(post(base + " ".repeat(OverrideBody.MAX_BYTES + 1 - base.length())), 400, "body");
    assertThat(post(base + " ".repeat(OverrideBody.MAX_BYTES - base.length())).statusCode())
        .isEqualTo(202);
  }

  @Test
  void aFormBodyAnswers415BeforeAnyDecodingAndChangesNothing() throws Exception {
    start();
    WebClient client = WebClient.create(vertx.get());
    HttpRequest<Buffer> request =
        client
            .post(port, "127.0.0.1", PATH)
            .timeout(10_000)
            .putHeader("Authorization", "Bearer " + TOKEN)
            .putHeader("Content-Type", "application/x-www-form-urlencoded");
    Buffer form = Buffer.buffer("a=b&".repeat(1200));
    HttpResponse<Buffer> r = await(vertx.get(), () -> request.sendBuffer(form));
    assertError(r, 415, "Content-Type");
    assertThat(engine.status().phase()).isEqualTo(RolloutPhase.PROGRESSING);
  }

  @Test
  void unknownPathsAndWrongMethodsAnswerJson() throws Exception {
    start();
    assertError(get("/api/v2/rollouts", "Bearer " + TOKEN), 404, "path");
    HttpRequest<Buffer> put =
        WebClient.create(vertx.get())
            .put(port, "127.0.0.1", PATH)
            .timeout(10_000)
            .putHeader("Authorization", "Bearer " + TOKEN);
    assertError(await(vertx.get(), put::send), 405, "method");
  }

  @Test
  void invalidUtf8Answers400() throws Exception {
    start();
    Buffer body =
        Buffer.buffer("{\"action\":\"pause\",\"reason\":\"".getBytes(StandardCharsets.UTF_8));
    body.appendBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
    body.appendString("\"}");
    HttpResponse<Buffer> r = post(PATH, "Bearer " + TOKEN, body);
    assertError(r, 400, "body");
    assertThat(r.bodyAsJsonObject().getString("error")).contains("UTF-8");
  }

  @Test
  void oneRolloutShowsItsRecentDecisionsNewestFirstWithTheirValues() throws Exception {
    start();
    RolloutView first = ApiViews.shopAt25();
    RolloutStatus s = first.status();
    MetricLine failing =
        new MetricLine("error-rate", "FAIL", 0.02, 0.001, 0.003, 250.0, 400.0, "over");
    RolloutView second =
        new RolloutView(
            first.spec(),
            s.withAnalysis(
                new AnalysisRecord(
                    "ROLLBACK", "error-rate FAIL", List.of(failing), 5000, null, List.of())),
            first.updated().plusSeconds(30),
            null,
            Duration.ZERO);
    api.decisions().onTick(first);
    api.decisions().onTick(first); // the same tick published again is not a new decision
    api.decisions().onTick(second);

    JsonArray decisions =
        get("/api/v1/rollouts/demo/shop", "Bearer " + TOKEN)
            .bodyAsJsonObject()
            .getJsonArray("decisions");
    assertThat(decisions).hasSize(2);
    assertThat(decisions.getJsonObject(0).getString("decision")).isEqualTo("ROLLBACK");
    assertThat(decisions.getJsonObject(0).getString("at")).isEqualTo("2026-01-01T10:00:30Z");
    JsonObject value = decisions.getJsonObject(0).getJsonArray("metrics").getJsonObject(0);
    assertThat(value.getDouble("canary")).isEqualTo(0.02);
    assertThat(value.getDouble("limit")).isEqualTo(0.003);
    assertThat(decisions.getJsonObject(1).getString("decision")).isEqualTo("HOLD");
  }
}
