package io.theseus.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code theseus demo}. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Runs a whole canary rollout locally")
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return NotAvailableYet.report(
        spec.commandLine().getErr(),
        "demo",
        " sample service, mesh proxy, load, real Prometheus.:the rollout engine and playground");
  }
}
