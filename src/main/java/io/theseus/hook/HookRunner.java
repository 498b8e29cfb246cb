package io.theseus.hook;

import io.theseus.config.HookSpec;
import io.theseus.config.HookStage;
import io.theseus.rollout.HookFigures;
import io.theseus.rollout.HookOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs HTTP probes, webhooks and local commands, one after another, stopping at a failure. Only
 * performance-stage HTTP probes report figures; performance webhooks and commands are pass/fail.
 */
public final class HookRunner implements Hooks {

  private final HttpProbeHook probe;
  private final WebhookHook webhook;
  private final CommandHook command;

  public HookRunner(Vertx vertx, WebClient client) {
    this.probe = new HttpProbeHook(client);
    this.webhook = new WebhookHook(vertx, client);
    this.command = new CommandHook(vertx);
  }

  @Override
  public Future<HookOutcome> run(List<HookSpec> hooks, HookContext context) {
    List<HookFigures> figures = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (HookSpec hook : hooks) {
      chain = chain.compose(ignored -> runOne(hook, context, figures));
    }
    String names = hooks.stream().map(HookSpec::name).collect(Collectors.joining(", "));
    return chain
        .map(
            ignored ->
                HookOutcome.pass(hooks.isEmpty() ? "no hooks" : "passed: " + names)
                    .withFigures(figures))
        .otherwise(failure -> HookOutcome.fail(describe(failure)));
  }

  /** Runs one hook; a performance probe's figures are added to {@code figures}. */
  private Future<Void> runOne(HookSpec hook, HookContext context, List<HookFigures> figures) {
    if (hook instanceof HookSpec.HttpProbe p) {
      return probe
          .run(p, context)
          .map(
              measured -> {
                if (p.stage() == HookStage.PERFORMANCE) {
                  figures.add(measured);
                }
                return null;
              });
    }
    if (hook instanceof HookSpec.Webhook w) {
      return webhook.run(w, context);
    }
    return command.run((HookSpec.Command) hook, context);
  }

  private static String describe(Throwable failure) {
    return failure instanceof HookFailedException
        ? failure.getMessage()
        : "hook failed: " + failure;
  }
}
