package io.theseus.playground;

import static io.theseus.playground.ProxyFixture.FAST;
import static io.theseus.playground.ProxyFixture.total;
import static io.theseus.playground.Verified.verified;
import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.routing.RouteWeights;
import io.theseus.telemetry.ExpositionSample;
import io.theseus.testing.EventLoopWatch;
import io.vertx.core.Future;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class MeshProxyTest {

  @RegisterExtension final EventLoopWatch vertx = new EventLoopWatch();

  private static final HeaderMatch DARK = new HeaderMatch("x-theseus-canary", "shop");

  @Test
  void sendsHeaderCarryingRequestsToTheCanaryAndTheRestByWeight(VertxTestContext ctx) {
    ProxyFixture.start(vertx.get(), FAST, FAST)
        .compose(
            f -> {
              f.proxy.routes(new VirtualRoutes(Optional.of(DARK), RouteWeights.ALL_STABLE));
              return f.get(30, "X-Theseus-Canary", "shop")
                  .map(verified(rs -> assertThat(rs).allSatisfy(r -> assertVersion(r, "v2"))))
                  .compose(v -> f.get(30, null, null))
                  .map(verified(rs -> assertThat(rs).allSatisfy(r -> assertVersion(r, "v1"))))
                  .compose(v -> f.scrape("istio_requests_total"))
                  .map(
                      verified(
                          totals -> {
                            assertThat(total(totals, "v2")).isEqualTo(30.0);
                            assertThat(total(totals, "v1")).isEqualTo(30.0);
                          }))
                  .eventually(f::stop);
            })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void answersNoHealthyUpstreamWithFlagUhWhenTheChosenVersionHasNoReplica(VertxTestContext ctx) {
    ProxyFixture.start(vertx.get(), FAST, FAST)
        .compose(
            f -> {
              f.proxy.routes(VirtualRoutes.ALL_STABLE.withWeights(RouteWeights.canary(100)));
              return f.canary
                  .scale(0)
                  .compose(v -> f.get(3, null, null))
                  .map(
                      verified(
                          rs ->
                              assertThat(rs)
                                  .allSatisfy(
                                      r -> {
                                        assertThat(r.statusCode()).isEqualTo(503);
                                        assertThat(r.bodyAsString())
                                            .isEqualTo("no healthy upstream");
                                      })))
                  .compose(v -> f.scrape("istio_requests_total"))
                  .map(verified(totals -> assertSingleSeries(totals, "503", "UH", 3)))
                  .eventually(f::stop);
            })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void answersUpstreamTimeoutWithFlagUtWhenTheVersionIsSlowerThanTheRouteTimeout(
      VertxTestContext ctx) {
    var slow = VersionProfile.steady(new VersionBehaviour(1500, 0, 0, 1, 0));
    ProxyFixture.start(vertx.get(), slow, slow, Duration.ofMillis(100))
        .compose(
            f ->
                f.get(2, null, null)
                    .map(
                        verified(
                            rs ->
                                assertThat(rs)
                                    .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(504))))
                    .compose(v -> f.scrape("istio_requests_total"))
                    .map(verified(totals -> assertSingleSeries(totals, "504", "UT", 2)))
                    .eventually(f::stop))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void passesTheServicesFailuresThroughAndCountsThemByResponseCode(VertxTestContext ctx) {
    ProxyFixture.start(vertx.get(), FAST, FAST.withErrorRate(1.0))
        .compose(
            f -> {
              f.proxy.routes(VirtualRoutes.ALL_STABLE.withWeights(RouteWeights.canary(100)));
              return f.get(5, null, null)
                  .map(
                      verified(
                          rs ->
                              assertThat(rs)
                                  .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(500))))
                  .compose(v -> f.scrape("istio_requests_total"))
                  .map(verified(totals -> assertSingleSeries(totals, "500", "-", 5)))
                  .eventually(f::stop);
            })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void servesMetricsOnlyOnSlashMetricsInThePrometheusTextFormat(VertxTestContext ctx) {
    ProxyFixture.start(vertx.get(), FAST, FAST)
        .compose(
            f -> {
              WebClient client = WebClient.create(vertx.get());
              return Future.all(
                      client
                          .get(f.proxy.metricsPort(), "127.0.0.1", "/metrics")
                          .timeout(2000)
                          .send(),
                      client.get(f.proxy.metricsPort(), "127.0.0.1", "/").timeout(2000).send())
                  .map(
                      verified(
                          both -> {
                            var metrics = both.<HttpResponse<?>>resultAt(0);
                            assertThat(metrics.statusCode()).isEqualTo(200);
                            assertThat(metrics.getHeader("content-type"))
                                .startsWith("text/plain; version=0.0.4");
                            assertThat(both.<HttpResponse<?>>resultAt(1).statusCode())
                                .isEqualTo(404);
                          }))
                  .eventually(f::stop);
            })
        .onComplete(ctx.succeedingThenComplete());
  }

  private static void assertVersion(HttpResponse<?> response, String version) {
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader(SampleService.VERSION_HEADER)).isEqualTo(version);
  }

  private static void assertSingleSeries(
      List<ExpositionSample> totals, String code, String flags, double count) {
    assertThat(totals).hasSize(1);
    ExpositionSample series = totals.get(0);
    assertThat(series.label("response_code")).isEqualTo(code);
    assertThat(series.label("response_flags")).isEqualTo(flags);
    assertThat(series.value()).isEqualTo(count);
  }
}
