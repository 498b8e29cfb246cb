package io.theseus.cli;

import io.theseus.rollout.CanaryRef;
import java.nio.file.Path;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The options every API command shares: where the API is and the token to show it. */
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

  /** The API path of one rollout. */
  static String path(CanaryRef ref) {
    return "/api/v1/rollouts/" + ref.namespace() + "/" + ref.name();
  }
}
