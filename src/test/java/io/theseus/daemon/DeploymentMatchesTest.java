package io.theseus.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.daemon.DeploymentMatches.Lookup;
import io.theseus.daemon.DeploymentMatches.Side;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentMatchesTest {

  private static final Map<String, Map<String, String>> SHOP =
      Map.of(
          "shop-v1", Map.of("app", "shop", "version", "v1"),
          "shop-v2", Map.of("app", "shop", "version", "v2", "tier", "web"),
          "cart-v2", Map.of("app", "cart", "version", "v2"),
          "shop-nolabel", Map.of("app", "shop"));

  private static final Map<String, String> APP_SHOP = Map.of("app", "shop");

  private static Lookup in(Map<String, Map<String, String>> templates) {
    return new Lookup("shop", "version", templates, false);
  }

  @Test
  void findsTheOneDeploymentWhosePodsCarryTheVersionAndTheServiceSelector() {
    Side side = DeploymentMatches.deploymentOf(in(SHOP), "canary", "v2", "shop", APP_SHOP);

    assertThat(side).isEqualTo(new Side("canary", null, "shop-v2", null));
  }

  @Test
  void aServiceSelectorOfSeveralLabelsMustMatchEveryOne() {
    Side side =
        DeploymentMatches.deploymentOf(
            in(SHOP), "canary", "v2", "shop", Map.of("app", "shop", "tier", "db"));

    assertThat(side.deployment()).isNull();
    assertThat(side.problem())
        .isEqualTo(
            "spec.canary.deployment: omitted, and no Deployment in shop has pods labelled"
                + " version=v2 matching Service shop's selector app=shop,tier=db (create it, or"
                + " name the deployment)");
  }

  @Test
  void withoutASelectorTheVersionLabelAloneDecidesAndTwoMatchesAreNamed() {
    Side side = DeploymentMatches.deploymentOf(in(SHOP), "canary", "v2", "shop", Map.of());

    assertThat(side.deployment()).isNull();
    assertThat(side.problem())
        .isEqualTo(
            "spec.canary.deployment: omitted, and Deployments cart-v2, shop-v2 in shop all have"
                + " pods labelled version=v2; set spec.canary.deployment to the one to use");
  }

  @Test
  void readsTheVersionFromTheLabelNamedBySpecVersionLabel() {
    Lookup byTrack =
        new Lookup("shop", "track", Map.of("shop-v1", Map.of("track", "stable")), false);

    assertThat(DeploymentMatches.versionOf(byTrack, "stable", "shop-v1"))
        .isEqualTo(new Side("stable", "stable", null, null));
    assertThat(DeploymentMatches.deploymentOf(byTrack, "stable", "stable", "shop", Map.of()))
        .isEqualTo(new Side("stable", null, "shop-v1", null));
  }

  @Test
  void namesTheVersionFieldWhenTheDeploymentIsMissingOrUnlabelled() {
    assertThat(DeploymentMatches.versionOf(in(SHOP), "canary", "shop-v9").problem())
        .startsWith("spec.canary.version: omitted, and Deployment shop/shop-v9 does not exist");
    assertThat(DeploymentMatches.versionOf(in(SHOP), "canary", "shop-nolabel").problem())
        .startsWith(
            "spec.canary.version: omitted, and the pod template of Deployment shop/shop-nolabel"
                + " has no label 'version'");
  }

  @Test
  void aFinishedRolloutWhoseDeploymentWasRemovedIsNoProblem() {
    Lookup finished = new Lookup("shop", "version", Map.of(), true);

    assertThat(DeploymentMatches.deploymentOf(finished, "stable", "v1", "shop", APP_SHOP))
        .isEqualTo(new Side("stable", null, "(removed)", null));
    assertThat(DeploymentMatches.versionOf(finished, "stable", "shop-v1"))
        .isEqualTo(new Side("stable", "shop-v1 (removed)", null, null));
  }

  @Test
  void aFinishedRolloutStillNamesSeveralMatches() {
    Lookup finished = new Lookup("shop", "version", SHOP, true);

    assertThat(DeploymentMatches.deploymentOf(finished, "canary", "v2", "shop", Map.of()).problem())
        .contains("cart-v2, shop-v2");
  }
}
