package io.theseus.store.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.theseus.rollout.OverrideAction;
import io.theseus.rollout.OverrideRecord;
import io.theseus.rollout.RolloutPhase;
import io.theseus.rollout.RolloutStatus;
import io.theseus.rollout.RolloutStatus.AnalysisRecord;
import io.theseus.rollout.StableBackup;
import io.theseus.rollout.Step;
import io.vertx.core.json.jackson.DatabindCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps the engine's {@link RolloutStatus} to and from the CanaryRollout status (the CRD's field
 * names: {@code phase}, {@code step}, {@code weight}, {@code stableBackup}, ...). The analysis
 * record and the captured tolerances keep the engine's own JSON shape; overrides use the CRD's
 * {@code status.overrides} item shape. Fields the engine does not own ({@code ledger}, unknown
 * fields of a newer daemon) are carried over untouched.
 */
final class StatusJson {

  /** Non-finite figures (an infinite e-value) are written as strings: JSON has no NaN. */
  private static final ObjectMapper MAPPER =
      DatabindCodec.mapper()
          .copy()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(JsonWriteFeature.WRITE_NAN_AS_STRINGS.mappedFeature(), true)
          .configure(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature(), true);

  private StatusJson() {}

  /** True when the status holds no phase yet: the daemon never wrote it. */
  static boolean unwritten(JsonObject status) {
    return !status.has("phase");
  }

  /** The engine's status from the CR's; fails with IllegalArgumentException naming the field. */
  static RolloutStatus read(JsonObject s) {
    Step step =
        new Step(
            integer(s, "step", -1),
            integer(s, "weight", 0),
            instant(s, "stepSince"),
            s.has("hooksPassed") && s.get("hooksPassed").getAsBoolean());
    return new RolloutStatus(
        phase(s, "phase"),
        instant(s, "phaseSince"),
        text(s, "reason"),
        step,
        backup(s),
        s.has("stableLowered") && s.get("stableLowered").getAsBoolean(),
        s.has("outageSince") ? instant(s, "outageSince") : null,
        s.has("pausedFrom") ? phase(s, "pausedFrom") : null,
        analysis(s),
        instant(s, "startedAt"),
        overrides(s));
  }

  /**
   * {@code previous} with the engine's fields replaced by {@code status}'s.
   *
   * @param generation the spec generation this status was computed for
   */
  static JsonObject write(JsonObject previous, RolloutStatus status, long generation) {
    JsonObject s = previous.deepCopy();
    s.addProperty("phase", status.phase().display());
    s.addProperty("phaseSince", status.phaseSince().toString());
    s.addProperty("reason", cut(status.reason()));
    s.addProperty("step", status.step().index());
    // The traffic on the canary (the Weight column); a rollback's step index keeps where it failed.
    s.addProperty("weight", status.canaryWeight());
    s.addProperty("stepSince", status.step().since().toString());
    s.addProperty("hooksPassed", status.step().hooksPassed());
    s.addProperty("stableLowered", status.stableLowered());
    s.addProperty("startedAt", status.startedAt().toString());
    s.addProperty("observedGeneration", generation);
    optional(s, "outageSince", status.outageSince());
    optional(s, "pausedFrom", status.pausedFrom() == null ? null : status.pausedFrom().display());
    if (status.backup() != null) {
      JsonObject backup = new JsonObject();
      backup.addProperty("replicas", status.backup().replicas());
      backup.addProperty("revision", status.backup().revision());
      s.add("stableBackup", backup);
    }
    s.add("analysis", toGson(status.analysis()));
    s.add("tolerances", toGson(status.analysis().judgeState().captured()));
    s.add("overrides", overrides(status.overrides()));
    return s;
  }

  private static JsonArray overrides(List<OverrideRecord> overrides) {
    JsonArray items = new JsonArray();
    for (OverrideRecord o : overrides) {
      JsonObject item = new JsonObject();
      item.addProperty("action", o.action().wire());
      item.addProperty("user", o.by());
      item.addProperty("time", o.at().toString());
      item.addProperty(
          "reason", o.reason().length() > 1024 ? o.reason().substring(0, 1024) : o.reason());
      item.addProperty("phase", o.phaseBefore().display());
      item.addProperty("phaseAfter", o.phaseAfter().display());
      items.add(item);
    }
    return items;
  }

  private static List<OverrideRecord> overrides(JsonObject s) {
    if (!s.has("overrides") || !s.get("overrides").isJsonArray()) {
      return List.of();
    }
    List<OverrideRecord> overrides = new ArrayList<>();
    JsonArray items = s.getAsJsonArray("overrides");
    for (int i = 0; i < items.size(); i++) {
      JsonObject item = items.get(i).getAsJsonObject();
      String field = "overrides[" + i + "]";
      String action = text(item, "action");
      overrides.add(
          new OverrideRecord(
              OverrideAction.parse(action)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "status." + field + ".action: '" + action + "' is not an action")),
              text(item, "reason"),
              text(item, "user"),
              instant(item, field + ".time", "time"),
              phase(item, field + ".phase", "phase"),
              phase(item, field + ".phaseAfter", "phaseAfter")));
    }
    return overrides;
  }

  private static void optional(JsonObject s, String field, Object value) {
    if (value == null) {
      s.remove(field);
    } else {
      s.addProperty(field, value.toString());
    }
  }

  private static String cut(String reason) {
    String r = reason == null ? "" : reason;
    return r.length() > 4096 ? r.substring(0, 4096) : r;
  }

  private static JsonElement toGson(Object value) {
    try {
      return JsonParser.parseString(MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("status.analysis: cannot encode: " + e.getMessage(), e);
    }
  }

  private static AnalysisRecord analysis(JsonObject s) {
    if (!s.has("analysis")) {
      return AnalysisRecord.EMPTY;
    }
    try {
      return MAPPER.readValue(s.get("analysis").toString(), AnalysisRecord.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("status.analysis: unreadable: " + e.getMessage(), e);
    }
  }

  private static StableBackup backup(JsonObject s) {
    if (!s.has("stableBackup")) {
      return null;
    }
    JsonObject b = s.getAsJsonObject("stableBackup");
    return new StableBackup(integer(b, "replicas", 0), text(b, "revision"));
  }

  private static RolloutPhase phase(JsonObject s, String field) {
    return phase(s, field, field);
  }

  private static RolloutPhase phase(JsonObject s, String path, String field) {
    String value = text(s, field);
    return Arrays.stream(RolloutPhase.values())
        .filter(p -> p.display().equals(value))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "status." + path + ": '" + value + "' is not a phase"));
  }

  private static int integer(JsonObject s, String field, int fallback) {
    return s.has(field) ? s.get(field).getAsInt() : fallback;
  }

  private static String text(JsonObject s, String field) {
    return s.has(field) && !s.get(field).isJsonNull() ? s.get(field).getAsString() : "";
  }

  private static Instant instant(JsonObject s, String field) {
    return instant(s, field, field);
  }

  private static Instant instant(JsonObject s, String path, String field) {
    String value = text(s, field);
    try {
      return Instant.parse(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "status." + path + ": '" + value + "' is not a time (RFC 3339)", e);
    }
  }
}
