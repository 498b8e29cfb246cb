package io.theseus.cli;

import io.theseus.controller.RolloutListener;
import io.theseus.controller.RolloutView;
import io.theseus.rollout.MetricLine;
import io.theseus.rollout.RolloutStatus;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Live progress in the terminal: per rollout its phase, a weight bar and each metric's verdict with
 * canary against stable against the tolerance limit, plus the e-value. On a terminal the block of
 * lines is redrawn in place; otherwise (a pipe, a CI log) one line is printed per change.
 */
final class DemoProgress implements RolloutListener {

  private static final int BAR = 20;

  private final PrintWriter out;
  private final boolean redraw;
  private final Map<String, String> lines = new TreeMap<>();
  private int drawn;

  DemoProgress(PrintWriter out, boolean redraw) {
    this.out = out;
    this.redraw = redraw;
  }

  @Override
  public synchronized void onTick(RolloutView view) {
    String line = line(view);
    String before = lines.put(view.spec().ref().path(), line);
    if (line.equals(before)) {
      return;
    }
    if (redraw) {
      if (drawn > 0) {
        out.print("\033[" + drawn + "F\033[J");
      }
      lines.values().forEach(out::println);
      drawn = lines.size();
    } else {
      out.println(line);
    }
    out.flush();
  }

  static String line(RolloutView view) {
    RolloutStatus s = view.status();
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-24s %-12s %s %3d%%",
                view.spec().ref().path(),
                s.phase().display(),
                bar(s.canaryWeight()),
                s.canaryWeight()));
    for (MetricLine m : s.analysis().metrics()) {
      line.append(" | ").append(metric(m));
    }
    if (s.outageSince() != null) {
      line.append(" | metrics outage since ").append(s.outageSince());
    }
    if (view.lastError() != null) {
      line.append(" | ").append(view.lastError());
    }
    return line.toString();
  }

  private static String bar(int weight) {
    int filled = Math.round(weight * BAR / 100f);
    return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]";
  }

  private static String metric(MetricLine m) {
    return String.format(
        Locale.ROOT,
        "%s %s canary=%s stable=%s limit=%s e=%s",
        m.metric(),
        m.verdict(),
        figure(m.canary()),
        figure(m.stable()),
        figure(m.limit()),
        figure(m.eValue()));
  }

  private static String figure(Double value) {
    if (value == null) {
      return "-";
    }
    double abs = Math.abs(value);
    return abs != 0 && (abs < 0.01 || abs >= 10_000)
        ? String.format(Locale.ROOT, "%.2e", value)
        : String.format(Locale.ROOT, "%.3g", value);
  }
}
