package io.theseus.routing.istio;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * An RFC 6902 JSON Patch under construction. Writers use it instead of merge patches because a
 * merge patch replaces (or, on some servers, appends to) whole arrays; every change here names its
 * path and is guarded by {@code test} ops on what it changes.
 */
public final class JsonPatch {

  private final JsonArray ops = new JsonArray();

  public JsonPatch test(String path, JsonElement value) {
    return op("test", path, value);
  }

  public JsonPatch test(String path, String value) {
    return op("test", path, new JsonPrimitive(value));
  }

  public JsonPatch add(String path, JsonElement value) {
    return op("add", path, value);
  }

  public JsonPatch replace(String path, JsonElement value) {
    return op("replace", path, value);
  }

  public JsonPatch remove(String path) {
    return op("remove", path, null);
  }

  /** Appends the ops of {@code other}, which must have been planned against the same document. */
  public JsonPatch then(JsonPatch other) {
    ops.addAll(other.ops);
    return this;
  }

  public boolean isEmpty() {
    return ops.isEmpty();
  }

  public JsonArray ops() {
    return ops.deepCopy();
  }

  @Override
  public String toString() {
    return ops.toString();
  }

  private JsonPatch op(String name, String path, JsonElement value) {
    var op = new JsonObject();
    op.addProperty("op", name);
    op.addProperty("path", path);
    if (value != null) {
      op.add("value", value.deepCopy());
    }
    ops.add(op);
    return this;
  }
}
