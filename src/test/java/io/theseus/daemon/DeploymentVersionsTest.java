package io.theseus.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.theseus.kube.CanaryRolloutResource;
import io.theseus.rollout.CanaryRef;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What one pass reads, on in-memory Deployments and Services (every read completes at once). */
class DeploymentVersionsTest {

  private final Map<String, Map<String, Map<String, String>>> deployments = new HashMap<>();
  private final List<String> reads = new ArrayList<>();
  private final DeploymentVersions versions =
      new DeploymentVersions(
          namespace -> {
            reads.add("Deployments in " + namespace);
            return Future.succeededFuture(
                Map.copyOf(deployments.getOrDefault(namespace, Map.of())));
          },
          (namespace, service) -> {
            reads.add("Service " + namespace + "/" + service);
            return Future.succeededFuture(Optional.of(Map.of("app", service)));
          });

  DeploymentVersionsTest() {
    deployments.put("shop", new HashMap<>());
    deployments.get("shop").put("shop-v1", Map.of("app", "shop", "version", "v1"));
    deployments.get("shop").put("shop-v2", Map.of("app", "shop", "version", "v2"));
    deployments.put("cart", Map.of("cart-v1", Map.of("app", "cart", "version", "v1")));
  }

  @Test
  void listsEachNamespaceOnceAndReadsEachServiceOnceAPassHoweverManyRolloutsNeedThem() {
    var a = rollout("shop", "a", 1, side(null, "v1"), side(null, "v2"));
    var b = rollout("shop", "b", 1, side(null, "v1"), side("shop-v2", null));
    var c = rollout("cart", "c", 1, side(null, "v1"), side("cart-v2", "v2"));

    var found = pass(a, b, c);

    assertThat(reads)
        .containsExactlyInAnyOrder(
            "Deployments in shop", "Service shop/shop", "Deployments in cart", "Service cart/cart");
    assertThat(found.get(a).deployments())
        .isEqualTo(Map.of("stable", "shop-v1", "canary", "shop-v2"));
    assertThat(found.get(b).versions()).isEqualTo(Map.of("canary", "v2"));
    assertThat(found.get(c).deployments()).isEqualTo(Map.of("stable", "cart-v1"));
  }

  @Test
  void keepsWhatWasFoundForASpecGenerationOnceCleanupRemovesTheStableDeployment() {
    var first = rollout("shop", "a", 1, side(null, "v1"), side(null, "v2"));
    pass(first);
    deployments.get("shop").remove("shop-v1");
    reads.clear();

    assertThat(pass(first).get(first).deployments()).containsEntry("stable", "shop-v1");
    assertThat(reads).as("nothing read again").isEmpty();

    var changed = rollout("shop", "a", 2, side(null, "v1"), side(null, "v2"));
    assertThat(pass(changed).get(changed).problems())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("spec.stable.deployment: omitted, and no Deployment in shop");
  }

  @Test
  void looksAgainOnTheNextPassAfterAProblem() {
    var r = rollout("shop", "a", 1, side(null, "v1"), side(null, "v3"));
    assertThat(pass(r).get(r).problems()).hasSize(1);

    deployments.get("shop").put("shop-v3", Map.of("app", "shop", "version", "v3"));

    assertThat(pass(r).get(r))
        .isEqualTo(
            new DeploymentVersions.Found(
                Map.of(), Map.of("stable", "shop-v1", "canary", "shop-v3"), List.of()));
  }

  @Test
  void aNewDaemonUsesWhatTheStatusRecordsForThisGenerationOnceCleanupRemovedTheStableDeployment() {
    deployments.get("shop").remove("shop-v1");
    var recorded = recorded(rollout("shop", "a", 1, side(null, "v1"), side(null, "v2")), 1);

    var found = pass(recorded).get(recorded);

    assertThat(found.problems()).isEmpty();
    assertThat(found.deployments()).isEqualTo(Map.of("stable", "shop-v1", "canary", "shop-v2"));
    assertThat(found.versions()).isEqualTo(Map.of("stable", "v1", "canary", "v2"));
    assertThat(reads).as("nothing looked up").isEmpty();
  }

  @Test
  void theRecordOfThisGenerationWinsOverASecondDeploymentThatGainedTheVersion() {
    var r = rollout("shop", "a", 1, side(null, "v1"), side(null, "v2"));
    pass(r); // this daemon's own lookup, before the record
    deployments.get("shop").put("shop-v2-hotfix", Map.of("app", "shop", "version", "v2"));

    assertThat(pass(recorded(r, 1)).get(recorded(r, 1)).deployments())
        .containsEntry("canary", "shop-v2");
    assertThat(pass(r).get(r).deployments())
        .as("what the record set stays in memory")
        .containsEntry("canary", "shop-v2");
  }

  @Test
  void aRecordOfAnotherGenerationIsIgnoredAndTheSpecLookedUpAfresh() {
    deployments.get("shop").remove("shop-v1");
    var edited = recorded(rollout("shop", "a", 2, side(null, "v1"), side(null, "v2")), 1);

    assertThat(pass(edited).get(edited).problems())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("spec.stable.deployment: omitted, and no Deployment in shop");

    deployments.get("shop").put("shop-v1-new", Map.of("app", "shop", "version", "v1"));
    assertThat(pass(edited).get(edited).deployments()).containsEntry("stable", "shop-v1-new");
  }

  /** {@code r} whose status records shop-v1/v1 and shop-v2/v2 for {@code generation}. */
  private static CanaryRolloutResource recorded(CanaryRolloutResource r, long generation) {
    JsonObject status = new JsonObject();
    status.addProperty("phase", "Finalizing");
    JsonObject resolved = new JsonObject();
    resolved.addProperty("generation", generation);
    resolved.add("stable", side("shop-v1", "v1"));
    resolved.add("canary", side("shop-v2", "v2"));
    status.add("resolved", resolved);
    return new CanaryRolloutResource(
        r.ref(), r.uid(), r.generation(), r.created(), "2", r.spec(), status, Map.of(), Map.of());
  }

  private Map<CanaryRolloutResource, DeploymentVersions.Found> pass(
      CanaryRolloutResource... resources) {
    return versions.readAll(List.of(resources)).result();
  }

  private static JsonObject side(String deployment, String version) {
    JsonObject side = new JsonObject();
    Optional.ofNullable(deployment).ifPresent(d -> side.addProperty("deployment", d));
    Optional.ofNullable(version).ifPresent(v -> side.addProperty("version", v));
    return side;
  }

  private static CanaryRolloutResource rollout(
      String namespace, String name, long generation, JsonObject stable, JsonObject canary) {
    JsonObject spec = new JsonObject();
    spec.addProperty("service", namespace);
    spec.add("stable", stable);
    spec.add("canary", canary);
    return new CanaryRolloutResource(
        new CanaryRef(namespace, name),
        "uid-" + name,
        generation,
        Instant.EPOCH,
        "1",
        spec,
        new JsonObject(),
        Map.of(),
        Map.of());
  }
}
