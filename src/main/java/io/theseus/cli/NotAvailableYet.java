package io.theseus.cli;

import java.io.PrintWriter;

/** The message and exit code of a subcommand whose capability has not landed yet. */
final class NotAvailableYet {

  private NotAvailableYet() {}

  static int report(PrintWriter err, String command, String capability) {
    err.println(
        "theseus "
            + command
            + ": not available yet ("
            + capability
            + " has not landed in this build); see README.md");
    return TheseusCli.EXIT_USAGE;
  }
}
