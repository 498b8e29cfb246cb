package io.theseus.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code theseus} command: one subcommand per way people use Theseus. */
@Command(
    name = "theseus",
    mixinStandardHelpOptions = true,
    versionProvider = TheseusCli.Version.class,
    description = "Metrics-driven canary analysis for Kubernetes and Istio.",
    subcommands = {
      DemoCommand.class,
      DaemonCommand.class,
      JudgeCommand.class,
      ValidateCommand.class,
      OverrideCommand.class,
      StatusCommand.class
    })
public final class TheseusCli implements Callable<Integer> {

  /** Exit code for bad input or a capability that is not available. */
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI on the standard streams and returns its exit code. */
  public static int run(String... args) {
    return run(
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8),
        args);
  }

  /** Runs the CLI on the given streams and returns its exit code; never prints a stack trace. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new TheseusCli()).setOut(out).setErr(err);
    cli.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          cmd.getErr().println("theseus " + cmd.getCommandName() + ": " + describe(ex));
          return EXIT_USAGE;
        });
    return cli.execute(args);
  }

  private static String describe(Throwable ex) {
    String message = ex.getMessage();
    return message == null ? ex.getClass().getSimpleName() : message;
  }

  /** No subcommand is a usage error: the usage goes to stderr and the exit code says so. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return EXIT_USAGE;
  }

  /** Reports the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"theseus " + TheseusVersion.current()};
    }
  }
}
