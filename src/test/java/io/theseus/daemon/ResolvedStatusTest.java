package io.theseus.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.theseus.kube.CanaryRolloutResource;
import io.theseus.rollout.CanaryRef;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the leader records in {@code status.resolved}, against an in-memory status subresource
 * (every write completes at once).
 */
class ResolvedStatusTest {

  private static final CanaryRef REF = new CanaryRef("shop", "shop");
  private static final DeploymentVersions.Found FOUND =
      new DeploymentVersions.Found(
          Map.of(), Map.of("stable", "shop-v1", "canary", "shop-v2"), List.of());

  /** The resource as the API server holds it; the writes that changed it. */
  private CanaryRolloutResource server = resource(versionsOnly(), 1, new JsonObject());

  private final List<JsonObject> writes = new ArrayList<>();
  private boolean failing;
  private final ResolvedStatus resolved =
      new ResolvedStatus(
          (ref, next) -> {
            if (failing) {
              return Future.failedFuture("the API server is unavailable");
            }
            JsonObject status = next.apply(server);
            if (!status.equals(server.status())) {
              writes.add(status);
              server = resource(server.spec(), server.generation(), status);
            }
            return Future.succeededFuture(status);
          });

  @Test
  void recordsAllFourValuesOnceForTheGenerationOfASpecThatOmitsSome() {
    RolloutPlan plan = plan(server, FOUND);

    resolved.record(server, plan);
    resolved.record(resource(server.spec(), 1, new JsonObject()), plan); // a stale cache

    assertThat(writes).hasSize(1);
    assertThat(server.status().get("resolved"))
        .isEqualTo(
            JsonParser.parseString(
                """
                {"generation": 1,
                 "stable": {"deployment": "shop-v1", "version": "v1"},
                 "canary": {"deployment": "shop-v2", "version": "v2"}}
                """));
    assertThat(ResolvedStatus.recorded(server)).contains(withVersions(FOUND));
  }

  @Test
  void recordsNothingForASpecNamingEveryDeploymentAndVersion() {
    server = resource(ClusterRig.spec(), 1, new JsonObject());

    resolved.record(server, plan(server, DeploymentVersions.Found.NONE));

    assertThat(writes).isEmpty();
  }

  @Test
  void recordsNothingForARolloutThatFinishedUnderItsSpec() {
    JsonObject status =
        JsonParser.parseString(
                """
                {"phase": "Succeeded", "observedGeneration": 1, "conditions": [
                  {"type": "SpecValid", "status": "True", "lastTransitionTime": "2026-01-01T10:00:00Z"}]}
                """)
            .getAsJsonObject();
    server = resource(versionsOnly(), 1, status);

    resolved.record(server, plan(server, FOUND));

    assertThat(writes).isEmpty();
  }

  @Test
  void recordsNothingWhenTheSpecChangedBeforeTheWrite() {
    RolloutPlan plan = plan(server, FOUND);
    CanaryRolloutResource seen = server;
    server = resource(versionsOnly(), 2, new JsonObject());

    resolved.record(seen, plan);

    assertThat(writes).isEmpty();
  }

  @Test
  void aFailedWriteAsksForAnotherPassWhichRecordsIt() {
    RolloutPlan plan = plan(server, FOUND);
    failing = true;
    Future<Boolean> failed = resolved.record(server, plan);
    failing = false;

    Future<Boolean> retried = resolved.record(server, plan);

    assertThat(failed.result()).as("settled after the failed write").isFalse();
    assertThat(retried.result()).as("settled after the retry").isTrue();
    assertThat(writes).hasSize(1);
    assertThat(ResolvedStatus.recorded(server)).isPresent();
    assertThat(resolved.record(server, plan).result()).as("nothing left to write").isTrue();
  }

  @Test
  void aRecordDoesNotApplyToAnotherGeneration() {
    resolved.record(server, plan(server, FOUND));

    assertThat(ResolvedStatus.recorded(resource(server.spec(), 2, server.status()))).isEmpty();
  }

  private static DeploymentVersions.Found withVersions(DeploymentVersions.Found found) {
    return new DeploymentVersions.Found(
        Map.of("stable", "v1", "canary", "v2"), found.deployments(), List.of());
  }

  private static RolloutPlan plan(CanaryRolloutResource r, DeploymentVersions.Found found) {
    return new RolloutSpecs(Path.of("analysis-config")).plan(r, found);
  }

  private static JsonObject versionsOnly() {
    JsonObject spec = ClusterRig.spec();
    spec.getAsJsonObject("stable").remove("deployment");
    spec.getAsJsonObject("canary").remove("deployment");
    return spec;
  }

  private static CanaryRolloutResource resource(JsonObject spec, long generation, JsonObject s) {
    return new CanaryRolloutResource(
        REF, "uid-1", generation, Instant.EPOCH, "1", spec, s, Map.of(), Map.of());
  }
}
