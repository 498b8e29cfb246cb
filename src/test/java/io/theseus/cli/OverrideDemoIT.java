package io.theseus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code theseus demo --scenario healthy --api-port P --token-file F} in-process, driven only
 * through {@code theseus override} and {@code theseus status}: pause freezes the weight while
 * analysis goes on, resume continues, rollback rolls the healthy canary back.
 */
class OverrideDemoIT {

  private static final Duration PATIENCE = Duration.ofMinutes(3);

  @TempDir Path dir;

  private String server;
  private Path token;

  @Test
  void theDemoPausesResumesAndRollsBackOnOverridesFromTheCli() throws Exception {
    token = Files.writeString(dir.resolve("token"), "demo-override-it\n");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    server = "http://127.0.0.1:" + port;
    CompletableFuture<CliRun> demo =
        CompletableFuture.supplyAsync(
            () ->
                CliRun.of(
                    "demo",
                    "--scenario",
                    "healthy",
                    "--fast",
                    "--api-port",
                    String.valueOf(port),
                    "--token-file",
                    token.toString()));

    JsonObject analysing =
        await(r -> r.getInteger("step", -1) >= 0 && !r.getString("phase").equals("Paused"));
    CliRun pause = cli("override", "demo/healthy", "pause", "--reason", "look at p99 first");
    assertThat(pause.exitCode()).as(pause.err()).isZero();
    assertThat(pause.out())
        .contains("pause accepted: " + analysing.getString("phase") + " -> Paused");

    JsonObject paused = status();
    int weight = paused.getInteger("weight");
    long requests = canaryRequests(paused);
    Instant since = Instant.parse(paused.getString("updated"));
    JsonObject later =
        await(r -> Instant.parse(r.getString("updated")).isAfter(since.plusSeconds(6)));
    assertThat(later.getString("phase")).isEqualTo("Paused");
    assertThat(later.getInteger("weight")).isEqualTo(weight);
    assertThat(canaryRequests(later)).isGreaterThan(requests); // analysis keeps recording

    CliRun resume = cli("override", "demo/healthy", "resume", "--reason", "p99 fine");
    assertThat(resume.exitCode()).as(resume.err()).isZero();
    await(r -> r.getInteger("weight") > weight);

    CliRun rollback = cli("override", "demo/healthy", "rollback", "--reason", "changed my mind");
    assertThat(rollback.exitCode()).as(rollback.err()).isZero();
    assertThat(rollback.out()).contains("rollback accepted: ", " -> RollingBack");
    // The demo stops once RolledBack, so these run while the canary's traffic drains.
    CliRun promote = cli("override", "demo/healthy", "promote", "--reason", "too late");
    assertThat(promote.exitCode()).isEqualTo(1);
    assertThat(promote.err()).contains("promote is not valid in phase RollingBack");
    assertThat(status().getJsonArray("overrides"))
        .extracting(o -> ((JsonObject) o).getString("action"))
        .containsExactly("pause", "resume", "rollback");

    CliRun finished = demo.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(finished.exitCode()).isEqualTo(1); // healthy was expected to succeed
    assertThat(finished.out()).contains("RolledBack");
  }

  private CliRun cli(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--server";
    all[args.length + 1] = server;
    all[args.length + 2] = "--token-file";
    all[args.length + 3] = token.toString();
    return CliRun.of(all);
  }

  private JsonObject status() {
    CliRun run = cli("status", "demo/healthy", "-o", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return new JsonObject(run.out());
  }

  private static long canaryRequests(JsonObject rollout) {
    return rollout.getJsonObject("analysis").getLong("canaryRequests");
  }

  /** Polls the demo through `theseus status` until the rollout matches (the demo is a process). */
  private JsonObject await(Predicate<JsonObject> wanted) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (Instant.now().isBefore(deadline)) {
      CliRun run = cli("status", "demo/healthy", "-o", "json");
      if (run.exitCode() == 0) {
        JsonObject rollout = new JsonObject(run.out());
        if (wanted.test(rollout)) {
          return rollout;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the demo rollout never got there within " + PATIENCE);
  }
}
