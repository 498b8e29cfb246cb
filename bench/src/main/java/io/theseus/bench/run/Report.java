package io.theseus.bench.run;

import io.theseus.bench.sim.Scenario;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the results as markdown: one table per scenario, then the tuning notes. */
public final class Report {

  private final StringBuilder out = new StringBuilder();

  /** Appends a line. */
  public Report line(String text) {
    out.append(text).append('\n');
    return this;
  }

  /** Appends one scenario's table. */
  public Report scenario(Scenario scenario, List<Cell> cells) {
    String what =
        scenario.splitFactor() == 0
            ? "rollback (no data)"
            : scenario.healthy() ? "false rollback" : "rollback (power)";
    line("### " + scenario.name() + ": " + scenario.title());
    line("");
    String header =
        "| judge | %s [95%% CI] | by FAIL verdict / by step deadline | promote | inconclusive"
            + " | median / p90 min to rollback | median canary requests to rollback"
            + " (all runs / rolled-back runs) |";
    line(String.format(Locale.ROOT, header, what));
    line("|---|---|---|---|---|---|---|");
    cells.forEach(this::row);
    line("");
    cells.stream().filter(c -> c.hasCauses() && c.rollbacks() > 0).forEach(this::causeLine);
    return this;
  }

  private void row(Cell cell) {
    double[] ci = cell.rollbackInterval();
    line(
        String.format(
            Locale.ROOT,
            "| %s | %s [%s, %s] | %s | %s | %s | %s / %s | %s / %s |",
            cell.judge(),
            pct(cell.rollbackRate()),
            pct(ci[0]),
            pct(ci[1]),
            causes(cell),
            pct(cell.promoteRate()),
            pct(cell.inconclusiveRate()),
            num(cell.minutesToRollback(0.5)),
            num(cell.minutesToRollback(0.9)),
            num(cell.canaryRequestsToRollback(0.5)),
            num(cell.canaryRequestsWhenRolledBack())));
  }

  private void causeLine(Cell cell) {
    int runs = cell.runs().size();
    line(cell.judge() + " rollbacks by cause (of " + runs + " runs): " + cell.rollbackCauses());
    line("");
  }

  private static String causes(Cell cell) {
    if (!cell.hasCauses()) {
      return "-";
    }
    return pct(cell.rollbackRate("verdict")) + " / " + pct(cell.rollbackRate("deadline"));
  }

  /** Appends a bulleted list. */
  public Report bullets(List<String> items) {
    items.forEach(item -> line("- " + item));
    return line("");
  }

  /** Appends a two-column table. */
  public Report table(String left, String right, Map<String, String> rows) {
    line("| " + left + " | " + right + " |");
    line("|---|---|");
    rows.forEach((k, v) -> line("| " + k + " | " + v + " |"));
    return line("");
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** A share as a percentage with two decimals. */
  public static String pct(double share) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * share);
  }

  /** A number, or "never" for the censored infinity, "-" for NaN. */
  public static String num(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    if (Double.isInfinite(value)) {
      return "never";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e9
        ? String.format(Locale.ROOT, "%d", (long) value)
        : String.format(Locale.ROOT, "%.2f", value);
  }
}
