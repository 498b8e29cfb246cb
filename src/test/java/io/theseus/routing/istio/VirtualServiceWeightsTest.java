package io.theseus.routing.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import io.theseus.kube.schema.UpstreamSchemas;
import io.theseus.routing.RouteState;
import io.theseus.routing.RouteTarget;
import io.theseus.routing.RouteUpdateException;
import io.theseus.routing.RouteWeights;
import org.junit.jupiter.api.Test;

class VirtualServiceWeightsTest {

  private static final RouteTarget TARGET =
      new RouteTarget("shop", "checkout", "v1", "v2", "x-theseus-canary", "checkout-v2");

  @Test
  void readsWeightsAndTheHeaderRouteOfAnOwnedVirtualService() {
    var vs = IstioFixtures.json("owned-virtualservice.json");

    assertThat(VirtualServiceWeights.read(vs, TARGET))
        .isEqualTo(new RouteState(new RouteWeights(95, 5), true));
  }

  @Test
  void readsALoneDestinationWithoutWeightAsAllTraffic() {
    var vs = IstioFixtures.json("unweighted-virtualservice.json");

    assertThat(VirtualServiceWeights.read(vs, TARGET))
        .isEqualTo(new RouteState(RouteWeights.ALL_STABLE, false));
  }

  @Test
  void refusesWeightsThatDoNotSumToOneHundredNamingTheRoute() {
    var vs = IstioFixtures.json("broken-weights-virtualservice.json");

    assertThatThrownBy(() -> VirtualServiceWeights.read(vs, TARGET))
        .isInstanceOf(RouteUpdateException.class)
        .hasMessage(
            "VirtualService shop/checkout: read failed: route theseus-primary weights stable=70"
                + " canary=20 (each subset once, summing to 100)");
  }

  @Test
  void weightPatchTestsTheCurrentDestinationsBeforeReplacingThem() {
    var vs = IstioFixtures.json("owned-virtualservice.json");

    var patch = VirtualServiceWeights.setWeights(vs, TARGET, RouteWeights.canary(25));

    assertThat(patch.ops())
        .isEqualTo(
            JsonParser.parseString(
                """
                [{"op":"test","path":"/spec/http/1/name","value":"theseus-primary"},
                 {"op":"test","path":"/spec/http/1/route","value":[
                   {"destination":{"host":"checkout","subset":"stable"},"weight":95},
                   {"destination":{"host":"checkout","subset":"canary"},"weight":5}]},
                 {"op":"replace","path":"/spec/http/1/route","value":[
                   {"destination":{"host":"checkout","subset":"stable"},"weight":75},
                   {"destination":{"host":"checkout","subset":"canary"},"weight":25}]}]
                """));
  }

  @Test
  void weightPatchIsEmptyWhenTheWeightsAreInForce() {
    var vs = IstioFixtures.json("owned-virtualservice.json");

    assertThat(VirtualServiceWeights.setWeights(vs, TARGET, new RouteWeights(95, 5)).isEmpty())
        .isTrue();
  }

  @Test
  void adoptionTakesOverTheCatchAllRouteKeepingItsSettings() {
    var vs = IstioFixtures.json("adopt-virtualservice.json");

    var ops = VirtualServiceWeights.adopt(vs, TARGET).ops();

    assertThat(ops.get(0).toString())
        .isEqualTo(
            "{\"op\":\"test\",\"path\":\"/spec/http/1\",\"value\":"
                + vs.getAsJsonObject("spec").getAsJsonArray("http").get(1)
                + "}");
    var replaced = ops.get(1).getAsJsonObject();
    assertThat(replaced.get("path").getAsString()).isEqualTo("/spec/http/1");
    assertThat(replaced.getAsJsonObject("value").get("name").getAsString())
        .isEqualTo("theseus-primary");
    assertThat(replaced.getAsJsonObject("value").get("timeout").getAsString()).isEqualTo("5s");
    assertThat(replaced.getAsJsonObject("value").getAsJsonArray("route")).hasSize(2);
  }

  @Test
  void adoptionKeepsTheCatchAllDestinationsPortAndHeadersOnBothSubsets() {
    var vs = IstioFixtures.json("adopt-virtualservice.json");

    var replaced = VirtualServiceWeights.adopt(vs, TARGET).ops().get(1).getAsJsonObject();

    var route = replaced.getAsJsonObject("value").getAsJsonArray("route");
    assertThat(route.asList())
        .as("destinations after adoption: %s", route)
        .hasSize(2)
        .allSatisfy(
            entry -> {
              var destination = entry.getAsJsonObject().getAsJsonObject("destination");
              assertThat(String.valueOf(destination.get("port"))).isEqualTo("{\"number\":8080}");
              assertThat(String.valueOf(entry.getAsJsonObject().get("headers")))
                  .isEqualTo("{\"request\":{\"set\":{\"x-route\":\"default\"}}}");
            });
    vs.getAsJsonObject("spec").getAsJsonArray("http").set(1, replaced.get("value"));
    UpstreamSchemas.assertValid(UpstreamSchemas.virtualService(), vs.toString());
  }

  @Test
  void adoptionAppendsThePrimaryRouteWhenNoRouteCatchesAllTraffic() {
    var vs = IstioFixtures.json("adopt-virtualservice.json");
    vs.getAsJsonObject("spec").getAsJsonArray("http").remove(1);

    var ops = VirtualServiceWeights.adopt(vs, TARGET).ops();

    assertThat(ops).hasSize(1);
    assertThat(ops.get(0).getAsJsonObject().get("op").getAsString()).isEqualTo("add");
    assertThat(ops.get(0).getAsJsonObject().get("path").getAsString()).isEqualTo("/spec/http/-");
  }

  @Test
  void ignoresVirtualServicesBoundOnlyToAGateway() {
    assertThat(
            VirtualServiceWeights.servesHost(
                IstioFixtures.json("gateway-virtualservice.json"), TARGET))
        .isFalse();
    assertThat(
            VirtualServiceWeights.servesHost(
                IstioFixtures.json("adopt-virtualservice.json"), TARGET))
        .isTrue();
  }

  @Test
  void createdVirtualServicePassesTheIstioSchema() {
    UpstreamSchemas.assertValid(
        UpstreamSchemas.virtualService(), VirtualServiceWeights.create(TARGET).toString());
  }

  @Test
  void headerRouteIsRemovedWithATestOnItsNameAndAddedFirst() {
    var vs = IstioFixtures.json("owned-virtualservice.json");
    var moved = vs.getAsJsonObject("spec").getAsJsonArray("http");
    moved.add(moved.remove(0));

    assertThat(VirtualServiceHeaderRoute.set(vs, TARGET, true).ops().toString())
        .startsWith(
            "[{\"op\":\"test\",\"path\":\"/spec/http/1/name\",\"value\":\"theseus-canary-header\"},"
                + "{\"op\":\"remove\",\"path\":\"/spec/http/1\"},"
                + "{\"op\":\"add\",\"path\":\"/spec/http/0\"");
    assertThat(
            VirtualServiceHeaderRoute.set(
                    IstioFixtures.json("owned-virtualservice.json"), TARGET, true)
                .isEmpty())
        .isTrue();
  }
}
