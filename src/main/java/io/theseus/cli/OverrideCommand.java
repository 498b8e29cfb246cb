package io.theseus.cli;

import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.OverrideAction;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code theseus override NAMESPACE/NAME ACTION --reason TEXT}. */
@Command(
    name = "override",
    mixinStandardHelpOptions = true,
    description = {
      "Sends a manual verdict to the Theseus API: promote (skip the remaining analysis and"
          + " promote now, through Promoting and Finalizing), rollback (now), pause (freeze the"
          + " weight; analysis keeps recording) or resume (continue from the pause). Sending the"
          + " same action again changes nothing."
    })
final class OverrideCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ApiOptions api;

  @Parameters(index = "0", paramLabel = "NAMESPACE/NAME", description = "The rollout")
  String rollout;

  @Parameters(index = "1", paramLabel = "ACTION", description = "promote, rollback, pause, resume")
  String action;

  @Option(
      names = "--reason",
      required = true,
      description = "Why, recorded with the override (1 to 1024 characters)")
  String reason;

  @Override
  public Integer call() {
    return ApiOptions.run(
        spec,
        out -> {
          CanaryRef ref = ApiOptions.rollout(rollout);
          OverrideAction parsed = action();
          if (reason.isBlank() || reason.strip().length() > 1024) {
            throw new CliException(ApiClient.EXIT_USAGE, "--reason: must be 1 to 1024 characters");
          }
          JsonObject body = new JsonObject().put("action", parsed.wire()).put("reason", reason);
          JsonObject recorded = api.client().post(ApiOptions.path(ref) + "/override", body);
          out.println(describe(ref, recorded));
        });
  }

  private OverrideAction action() {
    return OverrideAction.parse(action)
        .orElseThrow(
            () ->
                new CliException(
                    ApiClient.EXIT_USAGE,
                    "ACTION: unknown '"
                        + action
                        + "' (allowed: promote, rollback, pause, resume)"));
  }

  private static String describe(CanaryRef ref, JsonObject r) {
    String what =
        r.getBoolean("repeated", false)
            ? "already done, nothing changed"
            : "accepted: " + r.getString("phaseBefore") + " -> " + r.getString("phaseAfter");
    return String.format(
        "%s: %s %s (by %s at %s: %s)",
        ref.path(),
        r.getString("action"),
        what,
        r.getString("by"),
        r.getString("at"),
        r.getString("reason"));
  }
}
