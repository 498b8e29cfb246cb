package io.theseus.routing.istio;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.theseus.kube.schema.UpstreamSchemas;
import io.theseus.routing.RouteTarget;
import org.junit.jupiter.api.Test;

class DestinationRuleSubsetsTest {

  private static final RouteTarget TARGET =
      new RouteTarget("shop", "checkout", "v1", "v2", "x-theseus-canary", "checkout-v2");

  @Test
  void addsMissingSubsetsAfterTheExistingOnes() {
    var rule = IstioFixtures.json("adopt-destinationrule.json");

    assertThat(DestinationRuleSubsets.patch(rule, TARGET, "version").ops())
        .isEqualTo(
            JsonParser.parseString(
                """
                [{"op":"add","path":"/spec/subsets/-","value":{"name":"stable","labels":{"version":"v1"}}},
                 {"op":"add","path":"/spec/subsets/-","value":{"name":"canary","labels":{"version":"v2"}}}]
                """));
  }

  @Test
  void relabelsASubsetOfAnEarlierRolloutGuardedByATestOnIt() {
    var rule = DestinationRuleSubsets.create(TARGET, "version");
    var next = new RouteTarget("shop", "checkout", "v2", "v3", "x-theseus-canary", "checkout-v3");

    assertThat(DestinationRuleSubsets.patch(rule, next, "version").ops())
        .isEqualTo(
            JsonParser.parseString(
                """
                [{"op":"test","path":"/spec/subsets/0","value":{"name":"stable","labels":{"version":"v1"}}},
                 {"op":"add","path":"/spec/subsets/0/labels","value":{"version":"v2"}},
                 {"op":"test","path":"/spec/subsets/1","value":{"name":"canary","labels":{"version":"v2"}}},
                 {"op":"add","path":"/spec/subsets/1/labels","value":{"version":"v3"}}]
                """));
  }

  @Test
  void theStablePatchAddsAMissingCanarySubsetOnTheStablesVersion() {
    var rule = IstioFixtures.json("adopt-destinationrule.json");

    assertThat(DestinationRuleSubsets.patchStable(rule, TARGET, "version").ops())
        .isEqualTo(
            JsonParser.parseString(
                """
                [{"op":"add","path":"/spec/subsets/-","value":{"name":"stable","labels":{"version":"v1"}}},
                 {"op":"add","path":"/spec/subsets/-","value":{"name":"canary","labels":{"version":"v1"}}}]
                """));
  }

  @Test
  void theStablePatchMovesOnlyTheStableSubsetLeavingTheCanarySubsetAlone() {
    var rule = DestinationRuleSubsets.create(TARGET, "version");
    var next = new RouteTarget("shop", "checkout", "v2", "v3", "x-theseus-canary", "checkout-v3");

    assertThat(DestinationRuleSubsets.patchStable(rule, next, "version").ops())
        .isEqualTo(
            JsonParser.parseString(
                """
                [{"op":"test","path":"/spec/subsets/0","value":{"name":"stable","labels":{"version":"v1"}}},
                 {"op":"add","path":"/spec/subsets/0/labels","value":{"version":"v2"}}]
                """));
  }

  @Test
  void patchIsEmptyWhenSubsetsAreInPlace() {
    var rule = DestinationRuleSubsets.create(TARGET, "version");

    assertThat(DestinationRuleSubsets.patch(rule, TARGET, "version").isEmpty()).isTrue();
  }

  @Test
  void createdDestinationRulePassesTheIstioSchemaAndServesTheQualifiedHost() {
    var rule = DestinationRuleSubsets.create(TARGET, "version");

    UpstreamSchemas.assertValid(UpstreamSchemas.destinationRule(), rule.toString());
    UpstreamSchemas.assertValid(
        UpstreamSchemas.destinationRule(),
        DestinationRuleSubsets.createOnStable(TARGET, "version").toString());
    assertThat(
            DestinationRuleSubsets.servesHost(
                IstioFixtures.json("adopt-destinationrule.json"), TARGET))
        .isTrue();
  }
}
