package io.theseus.playground;

import static io.theseus.playground.ProxyFixture.FAST;
import static io.theseus.playground.Verified.verified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.theseus.testing.EventLoopWatch;
import io.vertx.core.Future;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class LoadGeneratorTest {

  @RegisterExtension final EventLoopWatch vertx = new EventLoopWatch();

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void holdsItsRateAndEveryRequestReachesTheMeshExactlyOnce(VertxTestContext ctx) {
    int rps = 200;
    ProxyFixture.start(vertx.get(), FAST, FAST)
        .compose(
            f -> {
              var load = new LoadGenerator(LoadSpec.of(f.proxy.trafficPort(), rps));
              long[] startNanos = new long[1];
              return vertx
                  .get()
                  .deployVerticle(load)
                  .compose(
                      v -> {
                        startNanos[0] = System.nanoTime();
                        return Eventually.until(
                            vertx.get(), "400 sent", WAIT, () -> load.counts().sent() >= 2 * rps);
                      })
                  .map(v -> (System.nanoTime() - startNanos[0]) / 1e9)
                  // 2 s worth: never earlier (sends are due by elapsed time); later only if
                  // starved.
                  .map(verified(seconds -> assertThat(seconds).isBetween(1.95, 3.0)))
                  .compose(v -> vertx.get().undeploy(load.deploymentID()))
                  .map(v -> load.counts())
                  .map(
                      verified(
                          c -> {
                            assertThat(c.completed()).isEqualTo(c.sent());
                            assertThat(c.ok()).isEqualTo(c.sent());
                            assertThat(c.dropped()).isZero();
                          }))
                  .compose(
                      c ->
                          f.scrape("istio_requests_total")
                              .map(
                                  verified(
                                      totals ->
                                          assertThat(ProxyFixture.total(totals, "v1"))
                                              .isEqualTo((double) c.sent()))))
                  .eventually(f::stop);
            })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void dropsRatherThanQueuesRequestsBeyondItsInFlightBound(VertxTestContext ctx) {
    var slow = new VersionBehaviour(400, 0, 0, 1, 0);
    ProxyFixture.start(vertx.get(), slow, slow)
        .compose(
            f -> {
              var spec = new LoadSpec(f.proxy.trafficPort(), 100, 5, Duration.ofSeconds(5));
              var load = new LoadGenerator(spec);
              return countsOnceDone(
                      load,
                      "100 requests due",
                      () -> load.counts().sent() + load.counts().dropped() >= 100)
                  .map(
                      verified(
                          c -> {
                            // ~1 s at 5 in flight and 400 ms each: at most 5 per 400 ms window.
                            assertThat(c.sent()).isBetween(5L, 25L);
                            assertThat(c.dropped()).isGreaterThanOrEqualTo(75L);
                            assertThat(c.completed()).isEqualTo(c.sent());
                          }))
                  .eventually(f::stop);
            })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void countsAnswersOtherThan2xxAsFailed(VertxTestContext ctx) {
    ProxyFixture.start(vertx.get(), FAST.withErrorRate(1.0), FAST)
        .compose(
            f -> {
              var load = new LoadGenerator(LoadSpec.of(f.proxy.trafficPort(), 100));
              return countsOnceDone(load, "20 sent", () -> load.counts().sent() >= 20)
                  .map(
                      verified(
                          c -> {
                            assertThat(c.ok()).isZero();
                            assertThat(c.failed()).isEqualTo(c.sent());
                          }))
                  .eventually(f::stop);
            })
        .onComplete(ctx.succeedingThenComplete());
  }

  /** Runs {@code load} until {@code done} ({@code what}, within {@link #WAIT}), then its counts. */
  private Future<LoadCounts> countsOnceDone(LoadGenerator load, String what, BooleanSupplier done) {
    return vertx
        .get()
        .deployVerticle(load)
        .compose(v -> Eventually.until(vertx.get(), what, WAIT, done))
        .compose(v -> vertx.get().undeploy(load.deploymentID()))
        .map(v -> load.counts());
  }

  @Test
  void rejectsARateOutsideItsRangeNamingTheField() {
    assertThatThrownBy(() -> LoadSpec.of(8080, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("load.rps: 0 is out of range (allowed: 1-10000)");
    assertThatThrownBy(() -> new LoadSpec(8080, 10, 0, Duration.ofSeconds(1)))
        .hasMessageStartingWith("load.maxInFlight:");
  }
}
