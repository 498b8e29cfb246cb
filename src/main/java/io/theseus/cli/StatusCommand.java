package io.theseus.cli;

import io.theseus.rollout.CanaryRef;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code theseus status [NAMESPACE/NAME] [-o table|json]}. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the rollouts the Theseus API knows: all of them as a table, or one in detail"
          + " (phase, weight, step, verdicts with their values, captured tolerances, overrides)."
    })
final class StatusCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ApiOptions api;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "NAMESPACE/NAME",
      description = "One rollout; all when omitted")
  String rollout;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table (readable) or json (the API's answer) (default: ${DEFAULT-VALUE})")
  String output;

  @Override
  public Integer call() {
    return ApiOptions.run(
        spec,
        out -> {
          if (!output.equals("table") && !output.equals("json")) {
            throw new CliException(
                ApiClient.EXIT_USAGE, "--output: unknown '" + output + "' (allowed: table, json)");
          }
          CanaryRef ref = rollout == null ? null : ApiOptions.rollout(rollout);
          JsonObject answer =
              api.client().get(ref == null ? "/api/v1/rollouts" : ApiOptions.path(ref));
          if (output.equals("json")) {
            out.println(answer.encodePrettily());
          } else {
            out.print(ref == null ? StatusTable.list(answer) : StatusTable.detail(answer));
          }
        });
  }
}
