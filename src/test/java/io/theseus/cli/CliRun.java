package io.theseus.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The outcome of one CLI run in a test: exit code and everything printed.
 *
 * @param exitCode the exit status
 * @param out what went to standard output
 * @param err what went to standard error
 */
public record CliRun(int exitCode, String out, String err) {

  /** Runs {@code theseus args...} in-process, capturing both streams. */
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TheseusCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
