package io.theseus.routing.istio;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.theseus.routing.RouteTarget;

/** Shared shape of the networking.istio.io/v1 objects Theseus creates, and JSON lookups. */
final class IstioObjects {

  static final String API_VERSION = "networking.istio.io/v1";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  private IstioObjects() {}

  /** An object named after the Service, labelled as managed by Theseus. */
  static JsonObject newObject(String kind, RouteTarget target, JsonObject spec) {
    var labels = new JsonObject();
    labels.addProperty(MANAGED_BY, "theseus");
    var metadata = new JsonObject();
    metadata.addProperty("name", target.service());
    metadata.addProperty("namespace", target.namespace());
    metadata.add("labels", labels);
    var object = new JsonObject();
    object.addProperty("apiVersion", API_VERSION);
    object.addProperty("kind", kind);
    object.add("metadata", metadata);
    object.add("spec", spec);
    return object;
  }

  /** The array member {@code name} of {@code object}, or null when absent or not an array. */
  static JsonArray array(JsonObject object, String name) {
    if (object == null) {
      return null;
    }
    JsonElement value = object.get(name);
    return value != null && value.isJsonArray() ? value.getAsJsonArray() : null;
  }

  /** Index of the first element whose {@code name} is {@code name}, or -1. */
  static int indexOfNamed(JsonArray elements, String name) {
    for (int i = 0; i < elements.size(); i++) {
      if (name.equals(string(elements.get(i).getAsJsonObject(), "name"))) {
        return i;
      }
    }
    return -1;
  }

  /** The string member {@code name}, or null. */
  static String string(JsonObject object, String name) {
    JsonElement value = object == null ? null : object.get(name);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
  }

  /** {@code metadata.name} of an object read from the API. */
  static String name(JsonObject object) {
    return string(object.getAsJsonObject("metadata"), "name");
  }
}
