package io.theseus.store.kube;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.theseus.rollout.MetricLine;
import io.theseus.rollout.RolloutStatus;
import java.time.Instant;

/**
 * The bounded lists of a CanaryRollout status that the engine's record does not hold: the verdict
 * ledger (the last decisions with their per-metric values, newest last) and the conditions.
 */
final class StatusEntries {

  /** Condition type saying whether the spec could be turned into a rollout. */
  static final String SPEC_VALID = "SpecValid";

  private StatusEntries() {}

  /**
   * Appends the status's latest decision to {@code status.ledger}, keeping the newest {@code size}.
   * A decision equal to the newest entry (a repeated write after a lost response, a hold with the
   * same figures) is not appended twice.
   */
  static void appendDecision(JsonObject s, RolloutStatus status, Instant at, int size) {
    RolloutStatus.AnalysisRecord analysis = status.analysis();
    if (analysis.decision().isEmpty()) {
      return;
    }
    JsonObject entry = entry(status);
    JsonArray ledger = s.has("ledger") ? s.getAsJsonArray("ledger") : new JsonArray();
    if (!ledger.isEmpty() && sameDecision(ledger.get(ledger.size() - 1), entry)) {
      return;
    }
    entry.addProperty("time", at.toString());
    ledger.add(entry);
    while (ledger.size() > size) {
      ledger.remove(0);
    }
    s.add("ledger", ledger);
  }

  private static boolean sameDecision(JsonElement newest, JsonElement entry) {
    JsonObject withoutTime = newest.getAsJsonObject().deepCopy();
    withoutTime.remove("time");
    return withoutTime.equals(entry);
  }

  private static JsonObject entry(RolloutStatus status) {
    JsonObject entry = new JsonObject();
    entry.addProperty("phase", status.phase().display());
    entry.addProperty("step", status.step().index());
    entry.addProperty("weight", status.canaryWeight());
    entry.addProperty("decision", status.analysis().decision());
    entry.addProperty("summary", status.analysis().summary());
    JsonArray metrics = new JsonArray();
    status.analysis().metrics().forEach(m -> metrics.add(metric(m)));
    entry.add("metrics", metrics);
    return entry;
  }

  private static JsonObject metric(MetricLine line) {
    JsonObject m = new JsonObject();
    m.addProperty("metric", line.metric());
    m.addProperty("verdict", line.verdict());
    figure(m, "canary", line.canary());
    figure(m, "stable", line.stable());
    figure(m, "limit", line.limit());
    figure(m, "eValue", line.eValue());
    figure(m, "eValueThreshold", line.eValueThreshold());
    return m;
  }

  /** Non-finite figures become strings: JSON has no NaN or infinity. */
  private static void figure(JsonObject m, String field, Double value) {
    if (value == null) {
      return;
    }
    if (value.isNaN() || value.isInfinite()) {
      m.addProperty(field, value.toString());
    } else {
      m.addProperty(field, value);
    }
  }
}
