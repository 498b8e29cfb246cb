package io.theseus.cli;

import io.theseus.rollout.CanaryRef;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * What every API command shares, mixed in with {@code @Mixin}: where the API is, the token to show
 * it, and the exit codes (picocli adds a mixin's usage attributes to the command's help).
 */
@Command(
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:done",
      "1:not valid in the rollout's current phase (409)",
      "2:bad arguments, or the API refused the request (400)",
      "3:no valid token (401) or not allowed (403)",
      "4:no such rollout (404)",
      "5:API unreachable, timed out or failed"
    })
final class ApiOptions {

  private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  @Option(
      names = "--server",
      defaultValue = "${env:THESEUS_SERVER:-http://127.0.0.1:8080}",
      description = "Base URL of the Theseus API (default: $THESEUS_SERVER or ${DEFAULT-VALUE})")
  String server;

  @Option(
      names = "--token-file",
      description =
          "File whose first line is the bearer token (the demo prints where it wrote its token)")
  Path tokenFile;

  ApiClient client() {
    return new ApiClient(server, tokenFile);
  }

  /**
   * Parses {@code NAMESPACE/NAME}.
   *
   * @throws CliException (exit 2) naming the argument when it is not two DNS names
   */
  static CanaryRef rollout(String argument) {
    String[] parts = argument.split("/", -1);
    if (parts.length != 2
        || !DNS_NAME.matcher(parts[0]).matches()
        || !DNS_NAME.matcher(parts[1]).matches()) {
      throw new CliException(
          ApiClient.EXIT_USAGE,
          "NAMESPACE/NAME: '" + argument + "' is not like demo/shop (lower-case DNS names)");
    }
    return new CanaryRef(parts[0], parts[1]);
  }

  /** What an API command does once its arguments are parsed; a {@link CliException} fails it. */
  interface Action {
    void run(PrintWriter out);
  }

  /**
   * Runs {@code action} for the command of {@code spec}: exit 0 when it returns, else the {@link
   * CliException}'s message on stderr after the command's name ("theseus status: ...") and its exit
   * code.
   */
  static int run(CommandSpec spec, Action action) {
    try {
      PrintWriter out = spec.commandLine().getOut();
      action.run(out);
      out.flush();
      return ApiClient.EXIT_OK;
    } catch (CliException e) {
      spec.commandLine().getErr().println("theseus " + spec.name() + ": " + e.getMessage());
      return e.exitCode();
    }
  }

  /** The API path of one rollout. */
  static String path(CanaryRef ref) {
    return "/api/v1/rollouts/" + ref.namespace() + "/" + ref.name();
  }
}
