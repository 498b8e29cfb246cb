package io.theseus.hook;

import io.theseus.config.HookSpec.Command;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a local command (local runs and the playground only) on a worker thread; exit code 0 passes.
 * The command sees {@code THESEUS_ROLLOUT}, {@code THESEUS_PHASE} and {@code THESEUS_WEIGHT}; it is
 * killed when it outlives its timeout.
 */
final class CommandHook {

  private final Vertx vertx;

  CommandHook(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<Void> run(Command hook, HookContext context) {
    return vertx.executeBlocking(() -> runBlocking(hook, context), false);
  }

  private static Void runBlocking(Command hook, HookContext context)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(hook.command())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(nullDevice()));
    Map<String, String> env = builder.environment();
    env.put("THESEUS_ROLLOUT", context.ref().path());
    env.put("THESEUS_PHASE", context.phase());
    env.put("THESEUS_WEIGHT", Integer.toString(context.weight()));
    Process process = builder.start();
    if (!process.waitFor(hook.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new HookFailedException(
          hook.name() + ": " + hook.command() + " timed out after " + hook.timeout());
    }
    if (process.exitValue() != 0) {
      throw new HookFailedException(
          hook.name() + ": " + hook.command() + " exited " + process.exitValue());
    }
    return null;
  }

  private static File nullDevice() {
    return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
