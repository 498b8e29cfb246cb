package io.theseus.routing.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.playground.HeaderMatch;
import io.theseus.playground.MeshProxy;
import io.theseus.playground.MeshProxySpec;
import io.theseus.playground.SampleService;
import io.theseus.playground.Scenario;
import io.theseus.playground.ServiceVersion;
import io.theseus.playground.VersionProfile;
import io.theseus.routing.RouteState;
import io.theseus.routing.RouteTarget;
import io.theseus.routing.RouteUpdateException;
import io.theseus.routing.RouteWeights;
import io.theseus.testing.EventLoopWatch;
import io.theseus.workload.WorkloadRef;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class LocalProxyRouterTest {

  @RegisterExtension final EventLoopWatch vertx = new EventLoopWatch();

  private static final RouteTarget SHOP =
      new RouteTarget("demo", "shop", "v1", "v2", "x-theseus-canary", "shop");
  private static final RouteTarget CART =
      new RouteTarget("demo", "cart", "v1", "v2", "x-theseus-canary", "cart");

  private MeshProxy shop;
  private MeshProxy cart;
  private LocalProxyRouter router;

  @BeforeEach
  void createProxies() {
    shop = proxy("shop");
    cart = proxy("cart");
    router = new LocalProxyRouter(List.of(shop, cart));
  }

  @Test
  void setsTheHeaderRouteAndWeightsIdempotentlyAndReadsThemBack(VertxTestContext ctx) {
    router
        .initialize(SHOP)
        .compose(v -> router.setDarkCanary(SHOP, true))
        .compose(v -> router.setDarkCanary(SHOP, true))
        .compose(v -> router.setWeights(SHOP, RouteWeights.canary(25)))
        .compose(v -> router.setWeights(SHOP, RouteWeights.canary(25)))
        .compose(v -> router.read(SHOP))
        .onComplete(
            thenCheck(
                ctx,
                state -> {
                  assertThat(state).isEqualTo(new RouteState(new RouteWeights(75, 25), true));
                  assertThat(shop.routes().canaryHeader())
                      .contains(new HeaderMatch("x-theseus-canary", "shop"));
                }));
  }

  @Test
  void removesTheHeaderRouteLeavingTheWeightsAsTheyAre(VertxTestContext ctx) {
    router
        .setWeights(SHOP, RouteWeights.canary(50))
        .compose(v -> router.setDarkCanary(SHOP, true))
        .compose(v -> router.setDarkCanary(SHOP, false))
        .compose(v -> router.read(SHOP))
        .onComplete(
            thenCheck(
                ctx,
                state -> {
                  assertThat(state).isEqualTo(new RouteState(RouteWeights.canary(50), false));
                }));
  }

  @Test
  void resetsToAllStableWithoutHeaderRouteAndCanRepeatTheReset(VertxTestContext ctx) {
    router
        .setDarkCanary(SHOP, true)
        .compose(v -> router.setWeights(SHOP, RouteWeights.canary(50)))
        .compose(v -> router.reset(SHOP))
        .compose(v -> router.reset(SHOP))
        .compose(v -> router.read(SHOP))
        .onComplete(
            thenCheck(
                ctx,
                state -> {
                  assertThat(state).isEqualTo(new RouteState(RouteWeights.ALL_STABLE, false));
                  assertThat(shop.routes().canaryHeader()).isEqualTo(Optional.empty());
                }));
  }

  @Test
  void promotionKeepsAllTrafficOnTheCanaryBackendAndRemovesTheHeaderRoute(VertxTestContext ctx) {
    router
        .setDarkCanary(SHOP, true)
        .compose(v -> router.setWeights(SHOP, RouteWeights.canary(100)))
        .compose(v -> router.promote(SHOP))
        .compose(v -> router.read(SHOP))
        .onComplete(
            thenCheck(
                ctx,
                state -> {
                  assertThat(state).isEqualTo(new RouteState(RouteWeights.canary(100), false));
                }));
  }

  @Test
  void routesEachServiceOnItsOwnProxy(VertxTestContext ctx) {
    router
        .setWeights(CART, RouteWeights.canary(5))
        .compose(v -> router.initialize(SHOP))
        .onComplete(
            thenCheck(
                ctx,
                v -> {
                  assertThat(cart.routes().weights()).isEqualTo(RouteWeights.canary(5));
                  assertThat(shop.routes().weights()).isEqualTo(RouteWeights.ALL_STABLE);
                }));
  }

  @Test
  void failsNamingTheVirtualServiceWhenNoProxyServesTheTarget(VertxTestContext ctx) {
    var unknown = new RouteTarget("demo", "payments", "v1", "v2", "x-theseus-canary", "p");
    router
        .setWeights(unknown, RouteWeights.canary(5))
        .onComplete(
            failsWithARouteUpdateError(
                ctx,
                e -> {
                  assertThat(e)
                      .hasMessage(
                          "VirtualService demo/payments: route failed: no local mesh proxy"
                              + " for this service");
                }));
  }

  @Test
  void refusesATargetWhoseVersionsTheProxyDoesNotServe(VertxTestContext ctx) {
    var wrongVersions = new RouteTarget("demo", "shop", "v1", "v3", "x-theseus-canary", "shop");
    router
        .reset(wrongVersions)
        .onComplete(
            failsWithARouteUpdateError(
                ctx,
                e -> {
                  assertThat(e)
                      .hasMessageContaining("proxy serves versions v1/v2, target names v1/v3");
                  assertThat(shop.routes().weights()).isEqualTo(RouteWeights.ALL_STABLE);
                }));
  }

  private MeshProxy proxy(String service) {
    var spec = new MeshProxySpec("demo", service, Duration.ofSeconds(1), 1);
    return new MeshProxy(spec, version(service, "v1"), version(service, "v2"));
  }

  private SampleService version(String service, String label) {
    var version =
        new ServiceVersion(
            new WorkloadRef("demo", service + "-" + label),
            label,
            VersionProfile.steady(Scenario.BASELINE),
            1);
    return new SampleService(vertx.get(), version, () -> 0);
  }

  /** Checks the value the future succeeded with, then completes the test. */
  private static <T> Handler<AsyncResult<T>> thenCheck(VertxTestContext ctx, Consumer<T> check) {
    return ctx.succeeding(value -> ctx.verify(() -> check(ctx, value, check)));
  }

  /** Checks the future failed with a route update error and what {@code check} says of it. */
  private static <T> Handler<AsyncResult<T>> failsWithARouteUpdateError(
      VertxTestContext ctx, Consumer<Throwable> check) {
    return ctx.failing(
        error ->
            ctx.verify(
                () -> {
                  assertThat(error).isInstanceOf(RouteUpdateException.class);
                  check(ctx, error, check);
                }));
  }

  private static <T> void check(VertxTestContext ctx, T value, Consumer<T> check) {
    check.accept(value);
    ctx.completeNow();
  }
}
