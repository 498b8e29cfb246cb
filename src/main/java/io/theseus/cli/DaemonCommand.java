package io.theseus.cli;

import io.theseus.Main;
import io.theseus.config.InvalidConfigException;
import io.theseus.daemon.Daemon;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code theseus daemon}: runs the in-cluster service until the process is told to stop (SIGTERM),
 * then steps down so a standby takes over at once.
 */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the in-cluster service: watches CanaryRollouts and drives them through Istio.",
      "Settings come from THESEUS_* environment variables (docs/install.md); the cluster from the"
          + " pod's service account or KUBECONFIG."
    })
final class DaemonCommand implements java.util.concurrent.Callable<Integer> {

  @Spec CommandSpec spec;

  /** The environment read; tests replace it. */
  Map<String, String> env = System.getenv();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    Vertx vertx = Vertx.vertx();
    Daemon daemon;
    try {
      daemon =
          Main.start(vertx, env)
              .toCompletionStage()
              .toCompletableFuture()
              .get(60, TimeUnit.SECONDS);
    } catch (IllegalArgumentException
        | InvalidConfigException
        | ExecutionException
        | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      err.println("theseus daemon: " + cause.getMessage());
      err.flush();
      vertx.close();
      return e instanceof ExecutionException || e instanceof TimeoutException
          ? 1
          : TheseusCli.EXIT_USAGE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(vertx, daemon, stopped)));
    stopped.await();
    return 0;
  }

  private static void shutdown(Vertx vertx, Daemon daemon, CountDownLatch stopped) {
    try {
      daemon
          .stop()
          .eventually(vertx::close)
          .toCompletionStage()
          .toCompletableFuture()
          .get(20, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      System.err.println("theseus daemon: shutdown did not complete cleanly: " + e);
    } finally {
      stopped.countDown();
    }
  }
}
