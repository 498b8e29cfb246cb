package io.theseus.hook;

import io.theseus.config.HookSpec.HttpProbe;
import io.vertx.core.Future;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/**
 * The built-in smoke probe: {@code requests} GETs through the mesh carrying the dark-canary header,
 * so they reach the canary whatever the weights; each must answer the expected status within the
 * maximum latency.
 */
final class HttpProbeHook {

  private final WebClient client;

  HttpProbeHook(WebClient client) {
    this.client = client;
  }

  Future<Void> run(HttpProbe probe, HookContext context) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < probe.requests(); i++) {
      int attempt = i + 1;
      chain = chain.compose(ignored -> once(probe, context, attempt));
    }
    return chain;
  }

  private Future<Void> once(HttpProbe probe, HookContext context, int attempt) {
    String url = context.serviceUrl() + probe.path();
    long started = System.nanoTime();
    return client
        .getAbs(url)
        .putHeader(context.darkCanaryHeader(), context.darkCanaryValue())
        .timeout(probe.timeout().toMillis())
        .send()
        .recover(
            e ->
                Future.failedFuture(
                    new HookFailedException(
                        probe.name() + ": GET " + url + " #" + attempt + " failed: " + e)))
        .compose(response -> check(probe, url, attempt, response, started));
  }

  private static Future<Void> check(
      HttpProbe probe, String url, int attempt, HttpResponse<?> response, long started) {
    long millis = (System.nanoTime() - started) / 1_000_000;
    String where = probe.name() + ": GET " + url + " #" + attempt;
    if (response.statusCode() != probe.expectStatus()) {
      return Future.failedFuture(
          new HookFailedException(
              where + " answered " + response.statusCode() + ", expected " + probe.expectStatus()));
    }
    if (millis > probe.maxLatency().toMillis()) {
      return Future.failedFuture(
          new HookFailedException(
              where + " took " + millis + " ms, max " + probe.maxLatency().toMillis() + " ms"));
    }
    return Future.succeededFuture();
  }
}
