package io.theseus.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.theseus.rollout.CanaryRef;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CanaryRollout annotations and status through client-java against the mock API server (and what
 * the test server makes of them like kube-apiserver).
 */
class CanaryRolloutsIT {

  private static final CanaryRef REF = new CanaryRef("shop", "checkout");
  private static final String ACTION = "theseus.io/override";
  private static final String REASON = "theseus.io/override-reason";

  @RegisterExtension final KubeRig rig = new KubeRig();
  private CanaryRollouts rollouts;
  private DynamicKubernetesApi admin;

  @BeforeEach
  void start() {
    rollouts = new CanaryRollouts(rig.kube, rig.server.client());
    admin =
        new DynamicKubernetesApi(
            CanaryRollouts.GROUP, CanaryRollouts.VERSION, "canaryrollouts", rig.server.client());
  }

  /** Creates the rollout with {@code metadata} (annotations, managedFields) as given. */
  private void create(String metadata) {
    JsonObject meta = JsonParser.parseString(metadata).getAsJsonObject();
    meta.addProperty("name", REF.name());
    meta.addProperty("namespace", REF.namespace());
    JsonObject cr = new JsonObject();
    cr.addProperty("apiVersion", CanaryRollouts.API_VERSION);
    cr.addProperty("kind", "CanaryRollout");
    cr.add("metadata", meta);
    cr.add("spec", new JsonObject());
    assertThat(admin.create(new DynamicKubernetesObject(cr)).isSuccess()).isTrue();
  }

  private Map<String, String> annotationsOnServer() {
    return admin.get(REF.namespace(), REF.name()).getObject().getMetadata().getAnnotations();
  }

  @Test
  void readsAnnotationsWithTheFieldManagerThatLastSetEach() {
    create(
        """
        {"annotations": {"theseus.io/override": "pause", "team": "payments"},
         "managedFields": [
          {"manager": "kubectl-create", "operation": "Update", "fieldsType": "FieldsV1",
           "fieldsV1": {"f:metadata": {"f:annotations": {".": {}, "f:team": {}}}, "f:spec": {}}},
          {"manager": "kubectl-annotate", "operation": "Update", "fieldsType": "FieldsV1",
           "fieldsV1": {"f:metadata": {"f:annotations": {"f:theseus.io/override": {}}}}}]}
        """);

    CanaryRolloutResource read = rig.loop.await(() -> rollouts.read(REF)).orElseThrow();

    assertThat(read.annotations()).isEqualTo(Map.of(ACTION, "pause", "team", "payments"));
    assertThat(read.annotationManagers())
        .isEqualTo(Map.of(ACTION, "kubectl-annotate", "team", "kubectl-create"));
    assertThat(read.resourceVersion()).isNotBlank();
  }

  @Test
  void removesTheAnnotationsItReadAndLeavesTheOthers() {
    create(
        """
        {"annotations": {"theseus.io/override": "pause", "theseus.io/override-reason": "p99",
                         "team": "payments"}}
        """);

    rig.loop.await(() -> rollouts.removeAnnotations(REF, Map.of(ACTION, "pause", REASON, "p99")));

    assertThat(annotationsOnServer()).isEqualTo(Map.of("team", "payments"));
  }

  @Test
  void aStatusReplaceCarryingAStaleResourceVersionIsAConflictAsInKubeApiserver() throws Exception {
    create("{}");
    CustomObjectsApi custom = new CustomObjectsApi(rig.server.client());
    JsonObject read = admin.get(REF.namespace(), REF.name()).getObject().getRaw();
    read.add("status", JsonParser.parseString("{\"phase\": \"Baseline\"}"));
    replaceStatus(custom, read).execute();

    read.add("status", JsonParser.parseString("{\"phase\": \"Progressing\"}"));
    ApiException stale =
        catchThrowableOfType(ApiException.class, () -> replaceStatus(custom, read).execute());

    assertThat(stale.getCode()).isEqualTo(409);
    assertThat(admin.get(REF.namespace(), REF.name()).getObject().getRaw().get("status"))
        .isEqualTo(JsonParser.parseString("{\"phase\": \"Baseline\"}"));
  }

  private static CustomObjectsApi.APIreplaceNamespacedCustomObjectStatusRequest replaceStatus(
      CustomObjectsApi custom, JsonObject body) {
    return custom.replaceNamespacedCustomObjectStatus(
        CanaryRollouts.GROUP,
        CanaryRollouts.VERSION,
        REF.namespace(),
        "canaryrollouts",
        REF.name(),
        body);
  }

  @Test
  void anAnnotationChangedSinceItWasReadIsNotRemoved() {
    create(
        """
        {"annotations": {"theseus.io/override": "pause", "theseus.io/override-reason": "p99"}}
        """);
    rig.server.interleaveBeforeNextPatch(
        "/canaryrollouts/" + REF.name(),
        """
        [{"op": "replace", "path": "/metadata/annotations/theseus.io~1override",
          "value": "rollback"}]
        """);

    Throwable failure =
        rig.loop.failure(
            () -> rollouts.removeAnnotations(REF, Map.of(ACTION, "pause", REASON, "p99")));

    assertThat(failure).isInstanceOf(KubeApiException.class);
    assertThat(((KubeApiException) failure).code()).isEqualTo(422);
    assertThat(annotationsOnServer()).isEqualTo(Map.of(ACTION, "rollback", REASON, "p99"));
  }
}
