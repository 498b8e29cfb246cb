package io.theseus.store.kube;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;

/** The {@code conditions} of a CanaryRollout status, kept as Kubernetes conventions ask. */
public final class StatusConditions {

  private StatusConditions() {}

  /**
   * Sets the condition {@code type} (replacing one of that type); its transition time moves only
   * when its status changes, as Kubernetes conventions ask.
   */
  public static void set(
      JsonObject s, String type, boolean ok, String reason, String message, Instant now) {
    JsonArray conditions = s.has("conditions") ? s.getAsJsonArray("conditions") : new JsonArray();
    String value = ok ? "True" : "False";
    String since = now.toString();
    for (int i = 0; i < conditions.size(); i++) {
      JsonObject c = conditions.get(i).getAsJsonObject();
      if (c.get("type").getAsString().equals(type)) {
        if (c.get("status").getAsString().equals(value)) {
          since = c.get("lastTransitionTime").getAsString();
        }
        conditions.remove(i);
        break;
      }
    }
    JsonObject c = new JsonObject();
    c.addProperty("type", type);
    c.addProperty("status", value);
    c.addProperty("reason", reason);
    c.addProperty("message", message.length() > 32768 ? message.substring(0, 32768) : message);
    c.addProperty("lastTransitionTime", since);
    conditions.add(c);
    s.add("conditions", conditions);
  }
}
