package io.theseus.store.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.theseus.kube.CanaryRollouts;
import io.theseus.kube.KubeRig;
import io.theseus.kube.schema.UpstreamSchemas;
import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.RolloutPhase;
import io.theseus.rollout.RolloutStatus;
import io.theseus.store.StaleStatusException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Conditional status writes through client-java against the mock API server: refused when the
 * engine's fields changed since the tick read them, retried when only someone else's fields did.
 */
class CanaryRolloutStatusStoreIT {

  private static final CanaryRef REF = new CanaryRef("shop", "checkout");
  private static final String STATUS_PATH = "canaryrollouts/checkout/status";
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final RolloutStatus INITIALIZING =
      RolloutStatus.created(T0).enter(RolloutPhase.INITIALIZING, T0, "stable recorded");
  private static final RolloutStatus DARK =
      INITIALIZING.enter(RolloutPhase.DARK_CANARY, T0.plusSeconds(1), "canary ready");

  @RegisterExtension
  final KubeRig rig = new KubeRig(KubeRig.quickRetries(5, Duration.ofMillis(100)));

  private DynamicKubernetesApi admin;
  private CanaryRolloutStatusStore store;

  @BeforeEach
  void start() {
    var client = rig.server.client();
    admin =
        new DynamicKubernetesApi(
            CanaryRollouts.GROUP, CanaryRollouts.VERSION, "canaryrollouts", client);
    store =
        new CanaryRolloutStatusStore(new CanaryRollouts(rig.kube, client), 20, Clock.systemUTC());
    JsonObject cr =
        JsonParser.parseString(
                """
                {"apiVersion": "theseus.io/v1alpha1", "kind": "CanaryRollout",
                 "metadata": {"name": "checkout", "namespace": "shop"},
                 "spec": {"service": "checkout", "stable": {"deployment": "checkout-v1"},
                          "canary": {"deployment": "checkout-v2", "version": "v2"},
                          "analysis": {"configName": "default"}}}
                """)
            .getAsJsonObject();
    UpstreamSchemas.assertValid(UpstreamSchemas.canaryRollout(), cr.toString());
    assertThat(admin.create(new DynamicKubernetesObject(cr)).isSuccess()).isTrue();
    rig.loop.await(() -> store.write(REF, Optional.empty(), INITIALIZING));
  }

  @Test
  void aWriteDecidedFromAStatusAnotherReplicaReplacedSinceIsRefusedAndWritesNothing() {
    rig.loop.await(() -> store.write(REF, Optional.of(INITIALIZING), DARK)); // the new leader
    RolloutStatus stale = INITIALIZING.enter(RolloutPhase.FAILED, T0.plusSeconds(2), "stale");

    Throwable refused = rig.loop.failure(() -> store.write(REF, Optional.of(INITIALIZING), stale));

    assertThat(refused)
        .isInstanceOf(StaleStatusException.class)
        .hasMessageContaining("write status refused");
    assertThat(statusOnServer().get("phase").getAsString()).isEqualTo("DarkCanary");
  }

  /**
   * Another writer's fields (status.resolved, a spec edit) changed since the tick read, and its
   * first PUT met a conflict: the retry re-reads, finds the engine's fields as read and writes.
   */
  @Test
  void aConflictCausedBySomeoneElsesFieldsIsRetriedAndTheTicksProgressKept() {
    Optional<RolloutStatus> read = rig.loop.await(() -> store.read(REF));
    editSpecAndRecordResolved();
    rig.server.failNext("PUT", STATUS_PATH, 409, false, 1);

    rig.loop.await(() -> store.write(REF, read, DARK));

    JsonObject status = statusOnServer();
    assertThat(status.get("phase").getAsString()).isEqualTo("DarkCanary");
    assertThat(status.get("observedGeneration").getAsLong()).isEqualTo(2);
    assertThat(status.getAsJsonObject("resolved").get("generation").getAsLong()).isEqualTo(1);
    assertThat(rig.server.faultsLeft()).isZero();
  }

  @Test
  void aWriteWhoseResponseWasLostIsNotRefusedWhenItsRetryFindsItStored() {
    rig.server.failNext("PUT", STATUS_PATH, 503, true, 1);

    rig.loop.await(() -> store.write(REF, Optional.of(INITIALIZING), DARK));

    assertThat(statusOnServer().get("phase").getAsString()).isEqualTo("DarkCanary");
    assertThat(rig.server.faultsLeft()).isZero();
  }

  private void editSpecAndRecordResolved() {
    JsonObject raw = admin.get(REF.namespace(), REF.name()).getObject().getRaw().deepCopy();
    raw.getAsJsonObject("spec").addProperty("progressDeadline", "20m");
    assertThat(admin.update(new DynamicKubernetesObject(raw)).isSuccess()).isTrue();
    JsonObject current = admin.get(REF.namespace(), REF.name()).getObject().getRaw().deepCopy();
    JsonObject status = current.getAsJsonObject("status");
    status.add(
        "resolved",
        JsonParser.parseString(
            """
            {"generation": 1, "stable": {"deployment": "checkout-v1", "version": "v1"},
             "canary": {"deployment": "checkout-v2", "version": "v2"}}
            """));
    UpstreamSchemas.assertValid(UpstreamSchemas.canaryRollout(), current.toString());
    var replaced = admin.updateStatus(new DynamicKubernetesObject(current), o -> status);
    assertThat(replaced.isSuccess()).as("record status.resolved").isTrue();
  }

  /** The CR's status as stored, after checking the whole CR against the CRD. */
  private JsonObject statusOnServer() {
    JsonObject raw = admin.get(REF.namespace(), REF.name()).getObject().getRaw();
    UpstreamSchemas.assertValid(UpstreamSchemas.canaryRollout(), raw.toString());
    return raw.getAsJsonObject("status");
  }
}
