package io.theseus.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code theseus override}. */
@Command(
    name = "override",
    mixinStandardHelpOptions = true,
    description = "Sends a manual verdict (promote, rollback, pause, resume) to the daemon.")
final class OverrideCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return NotAvailableYet.report(spec.commandLine().getErr(), "override", "the override API");
  }
}
