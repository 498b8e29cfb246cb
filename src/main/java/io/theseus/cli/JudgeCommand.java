package io.theseus.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code theseus judge}. */
@Command(
    name = "judge",
    mixinStandardHelpOptions = true,
    description = "Replays recorded evidence through the judge; one JSON decision per tick.")
final class JudgeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return NotAvailableYet.report(spec.commandLine().getErr(), "judge", "the judge");
  }
}
