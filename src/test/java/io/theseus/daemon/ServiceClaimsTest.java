package io.theseus.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.theseus.kube.CanaryRolloutResource;
import io.theseus.rollout.CanaryRef;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceClaimsTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final String ACCEPTED =
      "{\"phase\": \"%s\", \"conditions\": [{\"type\": \"SpecValid\", \"status\": \"True\","
          + " \"lastTransitionTime\": \"2026-01-01T10:00:00Z\"}]}";

  @Test
  void theOlderOfTwoNewRolloutsOnOneServiceGoesFirstAndTheOtherWaitsForIt() {
    var older = rollout("shop", "zeta", "shop", T0, "{}");
    var newer = rollout("shop", "alpha", "shop", T0.plusSeconds(1), "{}");

    assertThat(ServiceClaims.waiting(plans(older, newer), Set.of()::contains))
        .containsExactly(Map.entry(newer.ref(), older.ref()));
  }

  @Test
  void rolloutsCreatedInTheSameSecondGoInNameOrder() {
    var a = rollout("shop", "shop", "shop", T0, "{}");
    var b = rollout("shop", "shop-b", "shop", T0, "{}");

    assertThat(ServiceClaims.waiting(plans(b, a), Set.of()::contains))
        .containsExactly(Map.entry(b.ref(), a.ref()));
  }

  @Test
  void aRolloutAlreadyRunningKeepsItsServiceAgainstAnOlderOneWhoseSpecWasFixedLater() {
    var fixedLater = rollout("shop", "old", "shop", T0, "{}");
    var inStatus =
        rollout("shop", "new", "shop", T0.plusSeconds(5), ACCEPTED.formatted("Baseline"));
    var inThisDaemon = rollout("web", "new", "web", T0.plusSeconds(5), "{}");
    var olderWeb = rollout("web", "old", "web", T0, "{}");

    assertThat(
            ServiceClaims.waiting(
                plans(fixedLater, inStatus, inThisDaemon, olderWeb),
                Set.of(inThisDaemon.ref())::contains))
        .containsOnly(
            Map.entry(fixedLater.ref(), inStatus.ref()),
            Map.entry(olderWeb.ref(), inThisDaemon.ref()));
  }

  @Test
  void anEndedRolloutHoldsNoServiceAndRolloutsOnOtherServicesOrNamespacesDoNotWait() {
    var ended = rollout("shop", "first", "shop", T0, ACCEPTED.formatted("Succeeded"));
    var next = rollout("shop", "next", "shop", T0.plusSeconds(9), "{}");
    var otherService = rollout("shop", "cart", "cart", T0.plusSeconds(9), "{}");
    var otherNamespace = rollout("staging", "next", "shop", T0.plusSeconds(9), "{}");

    assertThat(
            ServiceClaims.waiting(
                plans(ended, next, otherService, otherNamespace), Set.of()::contains))
        .isEmpty();
  }

  @Test
  void anInvalidSpecThatNeverRanHoldsNoService() {
    var invalid = rollout("shop", "broken", "shop", T0, "{}");
    var valid = rollout("shop", "good", "shop", T0.plusSeconds(1), "{}");
    Map<CanaryRolloutResource, Object> plans = new LinkedHashMap<>();
    plans.put(invalid, new InvalidSpecException(List.of("spec.steps: must end with 100")));
    plans.put(valid, plan(valid));

    assertThat(ServiceClaims.waiting(plans, Set.of()::contains)).isEmpty();
  }

  @Test
  void theWaitingRolloutIsToldWhichRolloutHoldsItsServiceInTheServiceField() {
    var waiting = rollout("shop", "shop-b", "shop", T0, "{}");

    assertThat(ServiceClaims.problem(waiting, new CanaryRef("shop", "shop")).problems())
        .singleElement()
        .asString()
        .startsWith("spec.service: Service 'shop' is being rolled out by CanaryRollout shop;")
        .contains("starts when that one ends");
  }

  private static Map<CanaryRolloutResource, Object> plans(CanaryRolloutResource... resources) {
    Map<CanaryRolloutResource, Object> plans = new LinkedHashMap<>();
    for (CanaryRolloutResource r : resources) {
      plans.put(r, plan(r));
    }
    return plans;
  }

  /** The plan the supervisor would run: only its presence matters here. */
  private static RolloutPlan plan(CanaryRolloutResource r) {
    return new RolloutPlan(null, "version", "delete", r.generation(), r.uid());
  }

  private static CanaryRolloutResource rollout(
      String namespace, String name, String service, Instant created, String status) {
    JsonObject spec = new JsonObject();
    spec.addProperty("service", service);
    return new CanaryRolloutResource(
        new CanaryRef(namespace, name),
        "uid-" + name,
        1,
        created,
        "1",
        spec,
        JsonParser.parseString(status).getAsJsonObject(),
        Map.of(),
        Map.of());
  }
}
