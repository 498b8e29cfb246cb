package io.theseus.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanaryRolloutInformerTest {

  private static final String BEFORE =
      """
      {"apiVersion": "theseus.io/v1alpha1", "kind": "CanaryRollout",
       "metadata": {"name": "shop", "namespace": "shop", "generation": 3, "resourceVersion": "41",
                    "labels": {"team": "a"}, "annotations": {"note": "x"}},
       "spec": {"service": "shop"}, "status": {"phase": "Baseline", "step": 0}}
      """;

  @ParameterizedTest
  @CsvSource({
    "/status/phase, Progressing, false",
    "/metadata/resourceVersion, 42, false",
    "/metadata/generation, 4, true",
    "/metadata/labels/team, b, true",
    "/metadata/annotations/theseus.io~1override, pause, true",
    "/metadata/deletionTimestamp, 2026-01-01T00:00:00Z, true",
  })
  void anUpdateMattersOnlyWhenMoreThanTheStatusChanged(String path, String value, boolean matters) {
    DynamicKubernetesObject before = object(raw -> {});
    DynamicKubernetesObject after = object(raw -> set(raw, path, value));

    assertThat(CanaryRolloutInformer.matters(before, after)).isEqualTo(matters);
  }

  private static DynamicKubernetesObject object(Consumer<JsonObject> change) {
    JsonObject raw = JsonParser.parseString(BEFORE).getAsJsonObject();
    change.accept(raw);
    return new DynamicKubernetesObject(raw);
  }

  /** Sets the member at a JSON Pointer whose parent exists. */
  private static void set(JsonObject raw, String pointer, String value) {
    String[] parts = pointer.substring(1).split("/");
    JsonObject parent = raw;
    for (int i = 0; i < parts.length - 1; i++) {
      parent = parent.getAsJsonObject(parts[i]);
    }
    String key = parts[parts.length - 1].replace("~1", "/");
    if (key.equals("generation")) {
      parent.addProperty(key, Long.parseLong(value));
    } else {
      parent.addProperty(key, value);
    }
  }
}
