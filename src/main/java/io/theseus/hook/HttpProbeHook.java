package io.theseus.hook;

import io.theseus.config.HookSpec.HttpProbe;
import io.theseus.rollout.HookFigures;
import io.vertx.core.Future;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/**
 * The built-in probe: {@code requests} GETs, one after another, through the mesh carrying the
 * dark-canary header, so they reach the canary whatever the weights; each must answer the expected
 * status within the maximum latency. A passed run yields its latency figures (p95), which the
 * rollout compares across steps for performance probes.
 */
final class HttpProbeHook {

  private final WebClient client;

  HttpProbeHook(WebClient client) {
    this.client = client;
  }

  Future<HookFigures> run(HttpProbe probe, HookContext context) {
    double[] latencies = new double[probe.requests()];
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < probe.requests(); i++) {
      int attempt = i + 1;
      chain =
          chain.compose(
              ignored ->
                  once(probe, context, attempt).map(millis -> record(latencies, attempt, millis)));
    }
    return chain.map(ignored -> HookFigures.measured(probe.name(), context.weight(), latencies));
  }

  private static Void record(double[] latencies, int attempt, double millis) {
    latencies[attempt - 1] = millis;
    return null;
  }

  /** One request; its latency in milliseconds when it passed. */
  private Future<Double> once(HttpProbe probe, HookContext context, int attempt) {
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

  private static Future<Double> check(
      HttpProbe probe, String url, int attempt, HttpResponse<?> response, long started) {
    double millis = (System.nanoTime() - started) / 1e6;
    String where = probe.name() + ": GET " + url + " #" + attempt;
    if (response.statusCode() != probe.expectStatus()) {
      return Future.failedFuture(
          new HookFailedException(
              where + " answered " + response.statusCode() + ", expected " + probe.expectStatus()));
    }
    if (millis > probe.maxLatency().toMillis()) {
      return Future.failedFuture(
          new HookFailedException(
              where
                  + " took "
                  + Math.round(millis)
                  + " ms, max "
                  + probe.maxLatency().toMillis()
                  + " ms"));
    }
    return Future.succeededFuture(millis);
  }
}
