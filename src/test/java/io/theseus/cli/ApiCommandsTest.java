package io.theseus.cli;

import static io.theseus.controller.OnLoop.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.api.ApiAccess;
import io.theseus.api.ApiVerticle;
import io.theseus.api.ApiViews;
import io.theseus.api.MachineOverrides;
import io.theseus.api.ProcessMetrics;
import io.theseus.api.StaticTokenAuthenticator;
import io.theseus.controller.WarmUp;
import io.theseus.rollout.RolloutPhase;
import io.theseus.testing.EventLoopWatch;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code theseus override} and {@code theseus status} against a real API on port 0. */
class ApiCommandsTest {

  private static final String TOKEN = "cli-test-token";

  @RegisterExtension final EventLoopWatch vertx = new EventLoopWatch();

  @TempDir Path dir;

  private final MachineOverrides engine = new MachineOverrides(ApiViews.shopAt25());
  private String server;
  private Path tokenFile;

  @BeforeAll
  static void loadHttpClassesOffTheCheckedEventLoop() throws Exception {
    WarmUp.http();
  }

  @BeforeEach
  void startApi() throws Exception {
    ApiAccess access = new ApiAccess(new StaticTokenAuthenticator(TOKEN, Set.of()), engine, false);
    ApiVerticle api =
        new ApiVerticle(
            engine, ProcessMetrics.create("test"), () -> true, ApiVerticle.LOOPBACK, 0, access);
    await(vertx.get(), () -> vertx.get().deployVerticle(api));
    server = "http://127.0.0.1:" + api.actualPort();
    tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
  }

  private CliRun override(String... extra) {
    String[] base = {"override", "--server", server, "--token-file", tokenFile.toString()};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return CliRun.of(all);
  }

  @Test
  void overridePausesTheRolloutAndSaysWhatChanged() {
    CliRun run = override("demo/shop", "pause", "--reason", "check p99");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("demo/shop: pause accepted: Progressing -> Paused (by static-token at ")
        .contains("check p99");
    assertThat(engine.status().phase()).isEqualTo(RolloutPhase.PAUSED);

    CliRun again = override("demo/shop", "pause", "--reason", "again");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("pause already done, nothing changed");
  }

  @Test
  void overrideExitsOneWhenThePhaseDoesNotAllowTheAction() {
    CliRun run = override("demo/shop", "resume", "--reason", "x");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("theseus override: resume is not valid in phase Progressing");
  }

  @Test
  void overrideExitsThreeWithoutAValidTokenAndFourForAnUnknownRollout() throws Exception {
    Path wrong = Files.writeString(dir.resolve("wrong"), "nope\n");
    CliRun denied =
        CliRun.of(
            "override",
            "--server",
            server,
            "--token-file",
            wrong.toString(),
            "demo/shop",
            "rollback",
            "--reason",
            "x");
    assertThat(denied.exitCode()).isEqualTo(3);
    assertThat(denied.err()).contains("invalid bearer token", "--token-file");
    CliRun missing = override("demo/nope", "rollback", "--reason", "x");
    assertThat(missing.exitCode()).isEqualTo(4);
    assertThat(missing.err()).isEqualTo("theseus override: rollout demo/nope not found\n");
    assertThat(engine.status().phase()).isEqualTo(RolloutPhase.PROGRESSING);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "demo/shop | explode | why | ACTION: unknown 'explode'",
        "demo      | pause   | why | NAMESPACE/NAME: 'demo' is not like demo/shop",
        "demo/../x | pause   | why | NAMESPACE/NAME: 'demo/../x' is not like demo/shop",
        "demo/shop | pause   | '   ' | --reason: must be 1 to 1024 characters"
      })
  void overrideExitsTwoOnBadArgumentsWithoutCallingTheApi(
      String rollout, String action, String reason, String error) {
    CliRun run = override(rollout, action, "--reason", reason);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("theseus override: " + error);
  }

  @Test
  void overrideExitsFiveWhenTheApiCannotBeReached() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    CliRun run =
        CliRun.of(
            "override",
            "--server",
            "http://127.0.0.1:" + closed,
            "demo/shop",
            "pause",
            "--reason",
            "x");
    assertThat(run.exitCode()).isEqualTo(5);
    assertThat(run.err()).startsWith("theseus override: cannot reach the API at http://127.0.0.1:");
  }

  @Test
  void anOverrideWithoutAnswerSaysItMayStillLand() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) { // accepts into its backlog, never answers
      CliRun run =
          CliRun.of(
              "override",
              "--server",
              "http://127.0.0.1:" + silent.getLocalPort(),
              "demo/shop",
              "rollback",
              "--reason",
              "x");
      assertThat(run.exitCode()).isEqualTo(5);
      assertThat(run.err())
          .contains("no answer from the API at http://127.0.0.1:")
          .contains("the daemon may still apply the override");
    }
  }

  @Test
  void statusShowsATableOfRolloutsAndOneInDetail() {
    override("demo/shop", "pause", "--reason", "check p99");
    CliRun all = CliRun.of("status", "--server", server, "--token-file", tokenFile.toString());
    assertThat(all.exitCode()).as(all.err()).isZero();
    assertThat(all.out().lines())
        .first()
        .asString()
        .matches("ROLLOUT +PHASE +WEIGHT +STEP +DECISION +REASON");
    assertThat(all.out()).contains("demo/shop", "Paused", "25%");

    CliRun one =
        CliRun.of("status", "demo/shop", "--server", server, "--token-file", tokenFile.toString());
    assertThat(one.exitCode()).isZero();
    assertThat(one.out())
        .contains("Phase:     Paused", "Weight:    25% (step 2 of [1,5,25,50,100])")
        .containsPattern("error-rate +PASS +0.001000 +0.001200 +0.003000 +0.4000")
        .containsPattern("pause +2026-01-01T10:05:00Z +static-token +Progressing -> Paused");
  }

  @Test
  void statusPrintsTheApisJsonWithOutputJsonAndExitsThreeWithoutAToken() {
    CliRun json =
        CliRun.of(
            "status",
            "demo/shop",
            "-o",
            "json",
            "--server",
            server,
            "--token-file",
            tokenFile.toString());
    assertThat(json.exitCode()).isZero();
    assertThat(new JsonObject(json.out()).getString("phase")).isEqualTo("Progressing");
    CliRun anonymous = CliRun.of("status", "--server", server);
    assertThat(anonymous.exitCode()).isEqualTo(3);
    assertThat(anonymous.err()).startsWith("theseus status: missing bearer token");
    CliRun bad = CliRun.of("status", "-o", "yaml", "--server", server);
    assertThat(bad.exitCode()).isEqualTo(2);
  }

  @Test
  void helpDocumentsTheExitCodes() {
    for (String command : new String[] {"override", "status"}) {
      assertThat(CliRun.of(command, "--help").out())
          .contains("Exit codes:")
          .containsPattern("1 +not valid in the rollout's current phase \\(409\\)")
          .containsPattern("3 +no valid token \\(401\\) or not allowed \\(403\\)")
          .containsPattern("5 +API unreachable, timed out or failed");
    }
  }
}
