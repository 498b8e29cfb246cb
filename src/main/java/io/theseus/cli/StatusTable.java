package io.theseus.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The readable form of the API's rollout JSON, for {@code theseus status}. */
final class StatusTable {

  private static final int REASON_WIDTH = 60;

  private StatusTable() {}

  /** One row per rollout. */
  static String list(JsonObject answer) {
    return table(
        List.of("ROLLOUT", "PHASE", "WEIGHT", "STEP", "DECISION", "REASON"),
        objects(answer.getJsonArray("items", new JsonArray())),
        r ->
            List.of(
                r.getString("namespace") + "/" + r.getString("name"),
                r.getString("phase"),
                r.getInteger("weight") + "%",
                step(r),
                r.getJsonObject("analysis", new JsonObject()).getString("decision", ""),
                shorten(r.getString("reason", ""))),
        "No rollouts.\n");
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
    return table(
        List.of("RECENT DECISION", "AT", "CANARY REQUESTS", "SUMMARY"),
        objects(decisions),
        d ->
            List.of(
                d.getString("decision"),
                d.getString("at"),
                String.valueOf(d.getLong("canaryRequests", 0L)),
                shorten(d.getString("summary", ""))),
        "No decisions yet.\n");
  }

  private static String metrics(JsonArray metrics) {
    return table(
        List.of("METRIC", "VERDICT", "CANARY", "STABLE", "LIMIT", "E-VALUE"),
        objects(metrics),
        m ->
            List.of(
                m.getString("metric"),
                m.getString("verdict"),
                number(m.getValue("canary")),
                number(m.getValue("stable")),
                number(m.getValue("limit")),
                number(m.getValue("eValue"))),
        "No verdicts yet.\n");
  }

  private static String tolerances(JsonObject tolerances) {
    return table(
        List.of("TOLERANCE", "LIMIT", "STABLE", "CANARY", "CAPTURED"),
        tolerances,
        e -> {
          JsonObject t = (JsonObject) e.getValue();
          return List.of(
              e.getKey(),
              number(t.getValue("limit")),
              number(t.getValue("stable")),
              number(t.getValue("canary")),
              t.getString("at"));
        },
        "No tolerances captured yet.\n");
  }

  private static String overrides(JsonArray overrides) {
    return table(
        List.of("OVERRIDE", "AT", "BY", "PHASE", "REASON"),
        objects(overrides),
        o ->
            List.of(
                o.getString("action"),
                o.getString("at"),
                o.getString("by"),
                o.getString("phaseBefore") + " -> " + o.getString("phaseAfter"),
                shorten(o.getString("reason"))),
        "No overrides.\n");
  }

  /** {@code header} over one row per entry, in columns; {@code none} when there are no entries. */
  private static <T> String table(
      List<String> header, Iterable<T> entries, Function<T, List<String>> row, String none) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    entries.forEach(entry -> rows.add(row.apply(entry)));
    return rows.size() == 1 ? none : columns(rows);
  }

  private static List<JsonObject> objects(JsonArray array) {
    return array.stream().map(JsonObject.class::cast).toList();
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
