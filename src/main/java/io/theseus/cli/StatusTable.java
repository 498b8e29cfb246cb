package io.theseus.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The readable form of the API's rollout JSON, for {@code theseus status}. */
final class StatusTable {

  private static final int REASON_WIDTH = 60;

  private StatusTable() {}

  /** One row per rollout. */
  static String list(JsonObject answer) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("ROLLOUT", "PHASE", "WEIGHT", "STEP", "DECISION", "REASON"));
    for (Object item : answer.getJsonArray("items", new JsonArray())) {
      JsonObject r = (JsonObject) item;
      rows.add(
          List.of(
              r.getString("namespace") + "/" + r.getString("name"),
              r.getString("phase"),
              r.getInteger("weight") + "%",
              step(r),
              r.getJsonObject("analysis", new JsonObject()).getString("decision", ""),
              shorten(r.getString("reason", ""))));
    }
    return rows.size() == 1 ? "No rollouts.\n" : columns(rows);
  }

  /** One rollout: where it is, its verdicts, tolerances and overrides. */
  static String detail(JsonObject r) {
    JsonObject analysis = r.getJsonObject("analysis", new JsonObject());
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "Rollout:   %s/%s (%s: %s -> %s)%n",
            r.getString("namespace"),
            r.getString("name"),
            r.getString("service"),
            r.getString("stable"),
            r.getString("canary")));
    out.append(
        String.format("Phase:     %s since %s%n", r.getString("phase"), r.getString("phaseSince")));
    out.append(
        String.format(
            "Weight:    %d%% (step %s of %s)%n",
            r.getInteger("weight"), step(r), r.getJsonArray("steps")));
    out.append(String.format("Reason:    %s%n", r.getString("reason")));
    out.append(
        String.format(
            "Decision:  %s %s%n",
            analysis.getString("decision", ""), analysis.getString("summary", "")));
    out.append("\n").append(metrics(analysis.getJsonArray("metrics", new JsonArray())));
    out.append("\n").append(tolerances(r.getJsonObject("tolerances", new JsonObject())));
    out.append("\n").append(overrides(r.getJsonArray("overrides", new JsonArray())));
    out.append("\n").append(decisions(r.getJsonArray("decisions", new JsonArray())));
    return out.toString();
  }

  private static String decisions(JsonArray decisions) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("RECENT DECISION", "AT", "CANARY REQUESTS", "SUMMARY"));
    for (Object d : decisions) {
      JsonObject entry = (JsonObject) d;
      rows.add(
          List.of(
              entry.getString("decision"),
              entry.getString("at"),
              String.valueOf(entry.getLong("canaryRequests", 0L)),
              shorten(entry.getString("summary", ""))));
    }
    return rows.size() == 1 ? "No decisions yet.\n" : columns(rows);
  }

  private static String metrics(JsonArray metrics) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("METRIC", "VERDICT", "CANARY", "STABLE", "LIMIT", "E-VALUE"));
    for (Object m : metrics) {
      JsonObject line = (JsonObject) m;
      rows.add(
          List.of(
              line.getString("metric"),
              line.getString("verdict"),
              number(line.getValue("canary")),
              number(line.getValue("stable")),
              number(line.getValue("limit")),
              number(line.getValue("eValue"))));
    }
    return rows.size() == 1 ? "No verdicts yet.\n" : columns(rows);
  }

  private static String tolerances(JsonObject tolerances) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("TOLERANCE", "LIMIT", "STABLE", "CANARY", "CAPTURED"));
    tolerances.forEach(
        e -> {
          JsonObject t = (JsonObject) e.getValue();
          rows.add(
              List.of(
                  e.getKey(),
                  number(t.getValue("limit")),
                  number(t.getValue("stable")),
                  number(t.getValue("canary")),
                  t.getString("at")));
        });
    return rows.size() == 1 ? "No tolerances captured yet.\n" : columns(rows);
  }

  private static String overrides(JsonArray overrides) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("OVERRIDE", "AT", "BY", "PHASE", "REASON"));
    for (Object o : overrides) {
      JsonObject r = (JsonObject) o;
      rows.add(
          List.of(
              r.getString("action"),
              r.getString("at"),
              r.getString("by"),
              r.getString("phaseBefore") + " -> " + r.getString("phaseAfter"),
              shorten(r.getString("reason"))));
    }
    return rows.size() == 1 ? "No overrides.\n" : columns(rows);
  }

  private static String step(JsonObject r) {
    int step = r.getInteger("step", -1);
    return step < 0 ? "-" : String.valueOf(step);
  }

  private static String number(Object value) {
    return value instanceof Number n ? String.format(Locale.ROOT, "%.4g", n.doubleValue()) : "-";
  }

  private static String shorten(String text) {
    return text.length() <= REASON_WIDTH ? text : text.substring(0, REASON_WIDTH - 3) + "...";
  }

  /** Left-aligned columns, two spaces apart. */
  private static String columns(List<List<String>> rows) {
    int[] width = new int[rows.get(0).size()];
    rows.forEach(
        row -> {
          for (int i = 0; i < row.size(); i++) {
            width[i] = Math.max(width[i], row.get(i).length());
          }
        });
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(String.format("%-" + width[i] + "s", row.get(i)))
            .append(i + 1 < row.size() ? "  " : "");
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
