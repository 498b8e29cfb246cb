package io.theseus.routing.istio;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.theseus.kube.schema.StructuralSchema;
import io.theseus.kube.schema.UpstreamSchemas;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes Istio objects on the test server directly (as a person with kubectl would),
 * independent of the router under test, and checks each against the upstream CRD schema.
 */
public final class IstioObjectsOnServer {

  private static final StructuralSchema VS_SCHEMA = UpstreamSchemas.virtualService();
  private static final StructuralSchema DR_SCHEMA = UpstreamSchemas.destinationRule();

  private final DynamicKubernetesApi virtualServices;
  private final DynamicKubernetesApi destinationRules;

  public IstioObjectsOnServer(ApiClient client) {
    virtualServices =
        new DynamicKubernetesApi("networking.istio.io", "v1", "virtualservices", client);
    destinationRules =
        new DynamicKubernetesApi("networking.istio.io", "v1", "destinationrules", client);
  }

  /** The one VirtualService in {@code namespace}, after checking it against the Istio schema. */
  public JsonObject virtualService(String namespace) {
    return single(virtualServices, namespace, VS_SCHEMA);
  }

  /** The one DestinationRule in {@code namespace}, after checking it against the Istio schema. */
  public JsonObject destinationRule(String namespace) {
    return single(destinationRules, namespace, DR_SCHEMA);
  }

  void createVirtualService(String json) {
    check(virtualServices.create(object(json)));
  }

  void createDestinationRule(String json) {
    check(destinationRules.create(object(json)));
  }

  void patchVirtualService(String namespace, String name, String jsonPatch) {
    check(
        virtualServices.patch(
            namespace, name, V1Patch.PATCH_FORMAT_JSON_PATCH, new V1Patch(jsonPatch)));
  }

  /** Names of the HTTP routes in order. */
  public static List<String> routeNames(JsonObject vs) {
    return http(vs).asList().stream()
        .map(
            r ->
                r.getAsJsonObject().has("name")
                    ? r.getAsJsonObject().get("name").getAsString()
                    : "")
        .toList();
  }

  /** [stable, canary] weights of the route named theseus-primary, navigated by hand. */
  public static List<Integer> primaryWeights(JsonObject vs) {
    JsonObject primary = route(vs, "theseus-primary");
    int stable = -1;
    int canary = -1;
    for (var destination : primary.getAsJsonArray("route")) {
      JsonObject d = destination.getAsJsonObject();
      String subset = d.getAsJsonObject("destination").get("subset").getAsString();
      int weight = d.get("weight").getAsInt();
      if (subset.equals("stable")) {
        stable = weight;
      } else if (subset.equals("canary")) {
        canary = weight;
      }
    }
    return List.of(stable, canary);
  }

  /**
   * Percent of the theseus-primary route's traffic each version's pods receive, as the mesh would
   * split it: each subset's weight goes to the version its labels ({@code version}) select, e.g.
   * {@code {v2=100}}. A subset missing from the rule counts under {@code "none"}.
   */
  public static Map<String, Integer> trafficByVersion(JsonObject vs, JsonObject rule) {
    List<Integer> weights = primaryWeights(vs);
    Map<String, Integer> byVersion = new TreeMap<>();
    byVersion.merge(subsetVersion(rule, "stable"), weights.get(0), Integer::sum);
    byVersion.merge(subsetVersion(rule, "canary"), weights.get(1), Integer::sum);
    byVersion.values().removeIf(w -> w == 0);
    return byVersion;
  }

  /** The version a subset of {@code rule} selects, {@code "none"} when it has no such subset. */
  public static String subsetVersion(JsonObject rule, String subset) {
    for (var s : rule.getAsJsonObject("spec").getAsJsonArray("subsets")) {
      JsonObject named = s.getAsJsonObject();
      if (named.get("name").getAsString().equals(subset)) {
        return named.getAsJsonObject("labels").get("version").getAsString();
      }
    }
    return "none";
  }

  static JsonObject route(JsonObject vs, String name) {
    return http(vs).asList().stream()
        .map(r -> r.getAsJsonObject())
        .filter(r -> r.has("name") && r.get("name").getAsString().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no route " + name + " in " + vs));
  }

  static JsonArray http(JsonObject vs) {
    return vs.getAsJsonObject("spec").getAsJsonArray("http");
  }

  private JsonObject single(DynamicKubernetesApi api, String namespace, StructuralSchema schema) {
    var items = api.list(namespace).getObject().getItems();
    assertThat(items).as("%s objects in %s", schema, namespace).hasSize(1);
    JsonObject raw = items.get(0).getRaw();
    UpstreamSchemas.assertValid(schema, raw.toString());
    return raw;
  }

  private static DynamicKubernetesObject object(String json) {
    return new DynamicKubernetesObject(JsonParser.parseString(json).getAsJsonObject());
  }

  private static void check(KubernetesApiResponse<?> response) {
    if (!response.isSuccess()) {
      throw new AssertionError("test setup write failed: " + response.getStatus());
    }
  }
}
