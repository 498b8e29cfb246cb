package io.theseus.hook;

import io.theseus.config.HookSpec.Webhook;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpResponseExpectation;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

/**
 * POSTs the rollout, phase and weight as JSON; any 2xx passes. A failed attempt (timeout, refused,
 * non-2xx) is retried up to {@code retries} times with a doubling backoff from 200 ms.
 */
final class WebhookHook {

  private static final long FIRST_BACKOFF_MS = 200;

  private final Vertx vertx;
  private final WebClient client;

  WebhookHook(Vertx vertx, WebClient client) {
    this.vertx = vertx;
    this.client = client;
  }

  Future<Void> run(Webhook hook, HookContext context) {
    JsonObject body =
        new JsonObject()
            .put("rollout", context.ref().path())
            .put("namespace", context.ref().namespace())
            .put("name", context.ref().name())
            .put("phase", context.phase())
            .put("weight", context.weight());
    return attempt(hook, body, 0);
  }

  private Future<Void> attempt(Webhook hook, JsonObject body, int retry) {
    return client
        .postAbs(hook.url())
        .timeout(hook.timeout().toMillis())
        .sendJsonObject(body)
        .expecting(HttpResponseExpectation.SC_SUCCESS)
        .<Void>mapEmpty()
        .recover(failure -> retryOrFail(hook, body, retry, failure));
  }

  private Future<Void> retryOrFail(Webhook hook, JsonObject body, int retry, Throwable failure) {
    if (retry >= hook.retries()) {
      return Future.failedFuture(
          new HookFailedException(
              hook.name()
                  + ": POST "
                  + hook.url()
                  + " failed after "
                  + (retry + 1)
                  + " attempts: "
                  + failure.getMessage()));
    }
    long backoff = FIRST_BACKOFF_MS << Math.min(retry, 6);
    return vertx.timer(backoff).compose(ignored -> attempt(hook, body, retry + 1));
  }
}
