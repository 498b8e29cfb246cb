package io.theseus.playground;

import static io.theseus.playground.Verified.verified;
import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.routing.RouteTarget;
import io.theseus.routing.RouteWeights;
import io.theseus.routing.local.LocalProxyRouter;
import io.theseus.telemetry.ExpositionSample;
import io.theseus.testing.EventLoopWatch;
import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class PlaygroundTest {

  @RegisterExtension final EventLoopWatch vertx = new EventLoopWatch();

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void runsTwoScenariosSideBySideEachRoutedAndMeasuredOnItsOwn(VertxTestContext ctx) {
    var healthy = new Playground(vertx.get(), PlaygroundSpec.demo(Scenario.healthy(), 100));
    var spike = new Playground(vertx.get(), PlaygroundSpec.demo(Scenario.errorSpike(), 100));
    var router = new LocalProxyRouter(List.of(healthy.proxy(), spike.proxy()));
    RouteTarget spikeRoute = spike.routeTarget("x-theseus-canary", "error-spike");

    Future.all(healthy.start(), spike.start())
        .compose(v -> router.setWeights(spikeRoute, RouteWeights.canary(50)))
        .compose(
            v ->
                Eventually.until(
                    vertx.get(),
                    "the error-spike canary's 500s",
                    WAIT,
                    () -> count(spike, "v2", "500") > 0 && count(healthy, "v1", "200") > 50))
        .map(
            verified(
                v -> {
                  assertThat(count(healthy, "v2", "200")).isZero();
                  assertThat(spike.scrapeTarget()).startsWith("127.0.0.1:");
                  assertThat(spike.scrapeTarget()).isNotEqualTo(healthy.scrapeTarget());
                  assertThat(spike.prometheusTarget().address()).isEqualTo(spike.scrapeTarget());
                  assertThat(spike.canaryWorkload().toString()).isEqualTo("demo/error-spike-v2");
                }))
        .compose(v -> Future.all(healthy.stop(), spike.stop()))
        .map(
            verified(
                v -> {
                  LoadCounts c = healthy.loadCounts();
                  assertThat(c.sent()).isPositive();
                  assertThat(c.completed()).isEqualTo(c.sent());
                }))
        .compose(v -> refusedAfterStop(healthy))
        .onComplete(ctx.succeedingThenComplete());
  }

  /** The stopped proxy no longer accepts connections. */
  private Future<Void> refusedAfterStop(Playground playground) {
    return WebClient.create(vertx.get())
        .getAbs(playground.serviceUrl() + "/")
        .timeout(2000)
        .send()
        .transform(
            ar ->
                ar.failed()
                    ? Future.succeededFuture()
                    : Future.failedFuture("proxy still answers after stop"));
  }

  private static double count(Playground playground, String version, String code) {
    return ExpositionSample.parse(playground.proxy().scrape(), "istio_requests_total").stream()
        .filter(s -> s.label("destination_version").equals(version))
        .filter(s -> s.label("response_code").equals(code))
        .mapToDouble(ExpositionSample::value)
        .sum();
  }
}
