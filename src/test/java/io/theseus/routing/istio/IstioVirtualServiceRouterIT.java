package io.theseus.routing.istio;

import static io.theseus.routing.istio.IstioObjectsOnServer.primaryWeights;
import static io.theseus.routing.istio.IstioObjectsOnServer.route;
import static io.theseus.routing.istio.IstioObjectsOnServer.routeNames;
import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.kube.KubeRig;
import io.theseus.routing.RouteState;
import io.theseus.routing.RouteTarget;
import io.theseus.routing.RouteUpdateException;
import io.theseus.routing.RouteWeights;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IstioVirtualServiceRouterIT {

  private static final RouteTarget TARGET =
      new RouteTarget("shop", "checkout", "v1", "v2", "x-theseus-canary", "checkout-v2");

  @RegisterExtension
  final KubeRig rig = new KubeRig(KubeRig.quickRetries(4, Duration.ofMillis(100)));

  private IstioVirtualServiceRouter router;
  private IstioObjectsOnServer objects;

  @BeforeEach
  void start() {
    router = new IstioVirtualServiceRouter(rig.kube, rig.server.client(), "version");
    objects = new IstioObjectsOnServer(rig.server.client());
  }

  @Test
  void initializeCreatesSubsetsAndAVirtualServiceWithAllTrafficOnStable() {
    rig.loop.await(() -> router.initialize(TARGET));

    var rule = objects.destinationRule("shop");
    assertThat(rule.getAsJsonObject("spec").get("host").getAsString()).isEqualTo("checkout");
    assertThat(rule.getAsJsonObject("spec").get("subsets").toString())
        .isEqualTo(
            "[{\"name\":\"stable\",\"labels\":{\"version\":\"v1\"}},"
                + "{\"name\":\"canary\",\"labels\":{\"version\":\"v2\"}}]");
    var vs = objects.virtualService("shop");
    assertThat(routeNames(vs)).containsExactly("theseus-primary");
    assertThat(primaryWeights(vs)).containsExactly(100, 0);
    assertThat(rig.loop.await(() -> router.read(TARGET)))
        .isEqualTo(new RouteState(RouteWeights.ALL_STABLE, false));
  }

  @Test
  void walksTheStepSequenceWithWeightsReadBackFromTheVirtualServiceAtEveryStep() {
    rig.loop.await(() -> router.initialize(TARGET));
    for (int weight : List.of(1, 5, 25, 50, 100)) {
      rig.loop.await(() -> router.setWeights(TARGET, RouteWeights.canary(weight)));

      assertThat(primaryWeights(objects.virtualService("shop")))
          .as("weights on the server after step %d", weight)
          .containsExactly(100 - weight, weight);
      assertThat(rig.loop.await(() -> router.read(TARGET)).weights())
          .isEqualTo(RouteWeights.canary(weight));
    }
  }

  @Test
  void settingTheWeightsInForceSendsNoPatch() {
    rig.loop.await(() -> router.initialize(TARGET));
    rig.loop.await(() -> router.setWeights(TARGET, RouteWeights.canary(5)));
    int patches = rig.server.patchCount();

    rig.loop.await(() -> router.setWeights(TARGET, RouteWeights.canary(5)));

    assertThat(rig.server.patchCount()).isEqualTo(patches);
  }

  @Test
  void adoptsAnExistingVirtualServiceAndDestinationRuleKeepingUnrelatedRoutesAndSubsets() {
    objects.createVirtualService(IstioFixtures.text("adopt-virtualservice.json"));
    objects.createDestinationRule(IstioFixtures.text("adopt-destinationrule.json"));

    rig.loop.await(() -> router.initialize(TARGET));
    rig.loop.await(() -> router.setDarkCanary(TARGET, true));
    rig.loop.await(() -> router.setWeights(TARGET, RouteWeights.canary(25)));

    var vs = objects.virtualService("shop");
    assertThat(vs.getAsJsonObject("metadata").get("name").getAsString()).isEqualTo("shop-routes");
    assertThat(routeNames(vs)).containsExactly("theseus-canary-header", "admin", "theseus-primary");
    assertThat(route(vs, "admin").toString())
        .isEqualTo(
            IstioFixtures.json("adopt-virtualservice.json")
                .getAsJsonObject("spec")
                .getAsJsonArray("http")
                .get(0)
                .toString());
    assertThat(route(vs, "theseus-primary").get("timeout").getAsString()).isEqualTo("5s");
    assertThat(primaryWeights(vs)).containsExactly(75, 25);
    var subsets = objects.destinationRule("shop").getAsJsonObject("spec").getAsJsonArray("subsets");
    assertThat(subsets.toString())
        .contains("\"name\":\"legacy\"", "\"name\":\"stable\"", "\"name\":\"canary\"");
    assertThat(objects.destinationRule("shop").getAsJsonObject("spec").has("trafficPolicy"))
        .isTrue();
  }

  @Test
  void addsTheHeaderRouteFirstAndRemovesItLeavingTheWeights() {
    rig.loop.await(() -> router.initialize(TARGET));
    rig.loop.await(() -> router.setWeights(TARGET, RouteWeights.canary(5)));

    rig.loop.await(() -> router.setDarkCanary(TARGET, true));
    var withHeader = objects.virtualService("shop");
    assertThat(routeNames(withHeader)).containsExactly("theseus-canary-header", "theseus-primary");
    assertThat(route(withHeader, "theseus-canary-header").toString())
        .contains("\"x-theseus-canary\":{\"exact\":\"checkout-v2\"}", "\"subset\":\"canary\"");
    assertThat(primaryWeights(withHeader)).containsExactly(95, 5);
    assertThat(rig.loop.await(() -> router.read(TARGET)).darkCanary()).isTrue();

    rig.loop.await(() -> router.setDarkCanary(TARGET, false));
    var without = objects.virtualService("shop");
    assertThat(routeNames(without)).containsExactly("theseus-primary");
    assertThat(primaryWeights(without)).containsExactly(95, 5);
  }

  @Test
  void resetRestoresAllStableAndRemovesTheHeaderRouteAfterOutOfBandDrift() {
    objects.createVirtualService(IstioFixtures.text("adopt-virtualservice.json"));
    rig.loop.await(() -> router.initialize(TARGET));
    rig.loop.await(() -> router.setDarkCanary(TARGET, true));
    rig.loop.await(() -> router.setWeights(TARGET, RouteWeights.canary(50)));
    // Someone edits the routes by hand: weights 30/70 and the header route moved last.
    objects.patchVirtualService("shop", "shop-routes", IstioFixtures.text("drift-patch.json"));

    rig.loop.await(() -> router.reset(TARGET));

    var vs = objects.virtualService("shop");
    assertThat(routeNames(vs)).containsExactly("admin", "theseus-primary");
    assertThat(primaryWeights(vs)).containsExactly(100, 0);
  }

  @Test
  void resetReappliesWhenAnotherWriterRevertsItBetweenWriteAndReadBack() {
    rig.loop.await(() -> router.initialize(TARGET));
    rig.loop.await(() -> router.setWeights(TARGET, RouteWeights.canary(50)));
    // A GitOps sync puts 50/50 back right after the reset's write, before its read-back.
    rig.server.interleaveAfterNextPatch(
        "virtualservices",
        "[{\"op\":\"replace\",\"path\":\"/spec/http/0/route/0/weight\",\"value\":50},"
            + "{\"op\":\"replace\",\"path\":\"/spec/http/0/route/1/weight\",\"value\":50}]");

    rig.loop.await(() -> router.reset(TARGET));

    assertThat(primaryWeights(objects.virtualService("shop"))).containsExactly(100, 0);
  }

  @Test
  void aConcurrentChangeBetweenReadAndWriteFailsClearlyInsteadOfBeingOverwritten() {
    rig.loop.await(() -> router.initialize(TARGET));
    rig.loop.await(() -> router.setWeights(TARGET, RouteWeights.canary(5)));
    rig.server.interleaveBeforeNextPatch(
        "virtualservices",
        "[{\"op\":\"replace\",\"path\":\"/spec/http/0/route/1/weight\",\"value\":60},"
            + "{\"op\":\"replace\",\"path\":\"/spec/http/0/route/0/weight\",\"value\":40}]");

    Throwable failure = rig.loop.failure(() -> router.setWeights(TARGET, RouteWeights.canary(25)));

    assertThat(failure)
        .isInstanceOf(RouteUpdateException.class)
        .hasMessageStartingWith(
            "VirtualService shop/checkout: set weights stable=75 canary=25 failed: changed"
                + " concurrently by another writer (the server refused the patch: HTTP 422")
        .hasMessageEndingWith(
            "; now RouteState[weights=RouteWeights[stable=40, canary=60], darkCanary=false]");
    assertThat(primaryWeights(objects.virtualService("shop"))).containsExactly(40, 60);
  }

  @Test
  void retriesConflictsAndServerErrorsWithoutApplyingAStepTwice() {
    rig.loop.await(() -> router.initialize(TARGET));
    // The first patch is applied but its response is lost (500); the next one gets a 409.
    rig.server.failNext("PATCH", "virtualservices", 500, true, 1);
    rig.server.failNext("PATCH", "virtualservices", 409, false, 1);
    int patches = rig.server.patchCount();

    rig.loop.await(() -> router.setWeights(TARGET, RouteWeights.canary(5)));

    assertThat(primaryWeights(objects.virtualService("shop"))).containsExactly(95, 5);
    assertThat(rig.server.patchCount()).as("patches applied for one step").isEqualTo(patches + 1);
    rig.loop.await(() -> router.setWeights(TARGET, RouteWeights.canary(25)));
    assertThat(primaryWeights(objects.virtualService("shop"))).containsExactly(75, 25);
    assertThat(rig.server.patchCount()).isEqualTo(patches + 2);
  }

  @Test
  void promotionMakesTheCanarysVersionTheStableSubsetWithAllTrafficOnIt() {
    atOneHundredPercentWithTheHeaderRoute();

    rig.loop.await(() -> router.promote(TARGET));

    var vs = objects.virtualService("shop");
    assertThat(primaryWeights(vs)).containsExactly(100, 0);
    assertThat(routeNames(vs)).containsExactly("theseus-primary");
    assertThat(subsetVersions()).isEqualTo("stable=v2 canary=v2");
  }

  @Test
  void aPromotionCutShortAfterItsFirstWriteKeepsAllTrafficOnTheNewVersionAndFinishesWhenRepeated() {
    atOneHundredPercentWithTheHeaderRoute();
    rig.server.failNext("PATCH", "virtualservices", 503, false, 100);

    assertThat(rig.loop.failure(() -> router.promote(TARGET)))
        .isInstanceOf(RouteUpdateException.class);
    assertThat(trafficByVersion()).as("after the subsets moved").isEqualTo(Map.of("v2", 100));

    rig.server.clearFaults();
    rig.loop.await(() -> router.promote(TARGET));
    assertThat(trafficByVersion()).isEqualTo(Map.of("v2", 100));
    assertThat(primaryWeights(objects.virtualService("shop"))).containsExactly(100, 0);
  }

  /**
   * The routes a promotion made before {@code promote} existed: all traffic on the canary subset
   * (v2), the stable subset on the removed v1. The next rollout (v2 to v3) must not relabel the
   * canary subset while it still carries that traffic, even when the weight reset cannot land.
   */
  @Test
  void initializeForTheNextRolloutRelabelsTheCanarySubsetOnlyOnceItCarriesNoTraffic() {
    rig.loop.await(() -> router.initialize(TARGET));
    rig.loop.await(() -> router.setWeights(TARGET, RouteWeights.canary(100)));
    var next = new RouteTarget("shop", "checkout", "v2", "v3", "x-theseus-canary", "checkout-v3");
    rig.server.failNext("PATCH", "virtualservices", 503, false, 100);

    assertThat(rig.loop.failure(() -> router.initialize(next)))
        .isInstanceOf(RouteUpdateException.class);
    assertThat(trafficByVersion())
        .as("traffic while the weights could not be reset")
        .isEqualTo(Map.of("v2", 100));

    rig.server.clearFaults();
    rig.loop.await(() -> router.initialize(next));
    assertThat(trafficByVersion()).isEqualTo(Map.of("v2", 100));
    assertThat(subsetVersions()).isEqualTo("stable=v2 canary=v3");
  }

  private void atOneHundredPercentWithTheHeaderRoute() {
    rig.loop.await(() -> router.initialize(TARGET));
    rig.loop.await(() -> router.setDarkCanary(TARGET, true));
    rig.loop.await(() -> router.setWeights(TARGET, RouteWeights.canary(100)));
  }

  private Map<String, Integer> trafficByVersion() {
    return IstioObjectsOnServer.trafficByVersion(
        objects.virtualService("shop"), objects.destinationRule("shop"));
  }

  private String subsetVersions() {
    var rule = objects.destinationRule("shop");
    return "stable="
        + IstioObjectsOnServer.subsetVersion(rule, "stable")
        + " canary="
        + IstioObjectsOnServer.subsetVersion(rule, "canary");
  }

  @Test
  void readFailsNamingTheHostWhenNoVirtualServiceRoutesIt() {
    Throwable failure = rig.loop.failure(() -> router.read(TARGET));

    assertThat(failure)
        .isInstanceOf(RouteUpdateException.class)
        .hasMessageStartingWith(
            "VirtualService shop/(host checkout): read failed: no VirtualService");
  }

  @Test
  void refusesToGuessBetweenTwoVirtualServicesForTheSameHost() {
    objects.createVirtualService(IstioFixtures.text("adopt-virtualservice.json"));
    objects.createVirtualService(
        IstioFixtures.text("adopt-virtualservice.json").replace("shop-routes", "shop-routes-2"));

    Throwable failure = rig.loop.failure(() -> router.initialize(TARGET));

    assertThat(failure)
        .isInstanceOf(RouteUpdateException.class)
        .hasMessageContaining("[shop-routes, shop-routes-2] all route this host");
  }
}
