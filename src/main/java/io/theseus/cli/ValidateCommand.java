package io.theseus.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code theseus validate}. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Runs a whole canary rollout locally")
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return NotAvailableYet.report(
        spec.commandLine().getErr(),
        "validate",
        " sample service, mesh proxy, load, real Prometheus.:config validation");
  }
}
