package io.theseus.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code theseus status}. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Shows rollouts known to the daemon.")
final class StatusCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return NotAvailableYet.report(spec.commandLine().getErr(), "status", "the override API");
  }
}
