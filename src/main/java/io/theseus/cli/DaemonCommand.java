package io.theseus.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code theseus daemon}. */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = "Runs the in-cluster service (config from THESEUS_* environment variables).")
final class DaemonCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return NotAvailableYet.report(spec.commandLine().getErr(), "daemon", "the in-cluster daemon");
  }
}
