package io.theseus.api;

import io.theseus.telemetry.TheseusMetrics;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /metrics}: every {@code theseus_*} metric in Prometheus text format. Rendering is
 * in-memory and cheap, so it runs on the event loop.
 */
public final class MetricsEndpoint implements Handler<RoutingContext> {

  private final TheseusMetrics metrics;

  public MetricsEndpoint(TheseusMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", TheseusMetrics.CONTENT_TYPE).end(metrics.scrape());
  }
}
