package io.theseus.hook;

import static io.theseus.controller.OnLoop.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.config.HookSpec;
import io.theseus.config.HookStage;
import io.theseus.config.Tolerance;
import io.theseus.controller.WarmUp;
import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.HookOutcome;
import io.theseus.testing.EventLoopWatch;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HookRunnerTest {

  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Tolerance TOLERANCE = HookSpec.HttpProbe.DEFAULT_TOLERANCE;

  @RegisterExtension final EventLoopWatch vertx = new EventLoopWatch();

  @BeforeAll
  static void loadHttpClassesOffTheCheckedEventLoop() throws Exception {
    WarmUp.http();
  }

  private final List<String> headers = new CopyOnWriteArrayList<>();
  private final List<JsonObject> bodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger failFirst = new AtomicInteger();

  /** 200 for requests carrying the dark-canary header, 404 without; POSTs fail N times first. */
  private int server() throws Exception {
    HttpServer server =
        vertx
            .get()
            .createHttpServer()
            .requestHandler(
                req -> {
                  String header = req.getHeader("x-theseus-canary");
                  headers.add(String.valueOf(header));
                  if (req.method().name().equals("POST")) {
                    req.body()
                        .onSuccess(b -> bodies.add(b.toJsonObject()))
                        .onSuccess(
                            b ->
                                req.response()
                                    .setStatusCode(failFirst.getAndDecrement() > 0 ? 503 : 204)
                                    .end());
                  } else if (req.path().equals("/slow")) {
                    vertx.get().setTimer(300, t -> req.response().end());
                  } else {
                    req.response().setStatusCode("shop".equals(header) ? 200 : 404).end();
                  }
                });
    return await(vertx.get(), () -> server.listen(0, "127.0.0.1")).actualPort();
  }

  private HookContext context(int port) {
    return new HookContext(
        new CanaryRef("demo", "shop"),
        "DarkCanary",
        5,
        "http://127.0.0.1:" + port,
        "x-theseus-canary",
        "shop");
  }

  private HookOutcome run(int port, HookSpec... hooks) throws Exception {
    HookRunner runner = new HookRunner(vertx.get(), WebClient.create(vertx.get()));
    return await(vertx.get(), () -> runner.run(List.of(hooks), context(port)));
  }

  /** A smoke probe of {@code requests} GETs to {@code path}, each due {@code status} in time. */
  private static HookSpec smokeProbe(String path, int requests, int status, Duration maxLatency) {
    return new HookSpec.HttpProbe(
        "smoke", HookStage.SMOKE, SECOND, path, requests, status, maxLatency, TOLERANCE);
  }

  /** Runs the notify webhook against a server that fails its first {@code failures} posts. */
  private HookOutcome notifyWebhook(int failures, int retries) throws Exception {
    int port = server();
    failFirst.set(failures);
    return run(
        port,
        new HookSpec.Webhook(
            "notify", HookStage.SMOKE, SECOND, "http://127.0.0.1:" + port + "/hook", retries));
  }

  @Test
  void probeSendsTheDarkCanaryHeaderOnEveryRequestAndPasses() throws Exception {
    HookOutcome outcome = run(server(), smokeProbe("/healthz", 5, 200, SECOND));
    assertThat(outcome).isEqualTo(HookOutcome.pass("passed: smoke"));
    assertThat(headers).hasSize(5).containsOnly("shop");
  }

  @Test
  void probeFailsNamingTheStatusWhenItIsNotTheExpectedOne() throws Exception {
    HookOutcome outcome = run(server(), smokeProbe("/healthz", 3, 201, SECOND));
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.detail()).contains("smoke: GET", "/healthz #1 answered 200, expected 201");
    assertThat(headers).hasSize(1);
  }

  @Test
  void probeFailsWhenAnAnswerIsSlowerThanTheMaximumLatency() throws Exception {
    HookOutcome outcome = run(server(), smokeProbe("/slow", 1, 200, Duration.ofMillis(100)));
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.detail()).contains("/slow #1 took", "max 100 ms");
  }

  @Test
  void performanceProbeReportsTheP95OfItsRequestLatenciesAndSmokeProbesReportNothing()
      throws Exception {
    int port = server();
    HookOutcome outcome =
        run(
            port,
            new HookSpec.HttpProbe(
                "smoke", HookStage.SMOKE, SECOND, "/healthz", 2, 200, SECOND, TOLERANCE),
            new HookSpec.HttpProbe(
                "perf", HookStage.PERFORMANCE, SECOND, "/slow", 3, 200, SECOND, TOLERANCE));
    assertThat(outcome.passed()).isTrue();
    assertThat(outcome.figures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.hook()).isEqualTo("perf");
              assertThat(f.weight()).isEqualTo(5);
              assertThat(f.requests()).isEqualTo(3);
              // The server answers /slow after 300 ms; the probe's maxLatency is 1 s.
              assertThat(f.p95Millis()).isBetween(300.0, 1000.0);
            });
  }

  @Test
  void webhookPostsRolloutPhaseAndWeightAndRetriesUntilA2xx() throws Exception {
    HookOutcome outcome = notifyWebhook(2, 2);
    assertThat(outcome.passed()).isTrue();
    assertThat(bodies).hasSize(3);
    assertThat(bodies.get(2).getString("rollout")).isEqualTo("demo/shop");
    assertThat(bodies.get(2).getString("phase")).isEqualTo("DarkCanary");
    assertThat(bodies.get(2).getInteger("weight")).isEqualTo(5);
  }

  @Test
  void webhookFailsAfterItsRetriesAreSpent() throws Exception {
    HookOutcome outcome = notifyWebhook(10, 1);
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.detail()).contains("notify: POST", "failed after 2 attempts");
    assertThat(bodies).hasSize(2);
  }

  @Test
  void commandPassesOnExitZeroAndSeesTheRolloutInItsEnvironment() throws Exception {
    HookOutcome outcome =
        run(
            1,
            new HookSpec.Command(
                "check",
                HookStage.SMOKE,
                SECOND,
                List.of("sh", "-c", "test \"$THESEUS_ROLLOUT/$THESEUS_WEIGHT\" = demo/shop/5")));
    assertThat(outcome.passed()).isTrue();
  }

  @Test
  void commandFailsNamingItsExitCodeAndStopsTheHooksAfterIt() throws Exception {
    HookOutcome outcome =
        run(
            1,
            new HookSpec.Command("first", HookStage.SMOKE, SECOND, List.of("sh", "-c", "exit 3")),
            new HookSpec.Command("second", HookStage.SMOKE, SECOND, List.of("true")));
    assertThat(outcome).isEqualTo(HookOutcome.fail("first: [sh, -c, exit 3] exited 3"));
  }

  @Test
  void commandIsKilledWhenItOutlivesItsTimeout() throws Exception {
    long started = System.nanoTime();
    HookOutcome outcome =
        run(
            1,
            new HookSpec.Command(
                "hang", HookStage.SMOKE, Duration.ofMillis(200), List.of("sleep", "30")));
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.detail()).contains("timed out after PT0.2S");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }
}
