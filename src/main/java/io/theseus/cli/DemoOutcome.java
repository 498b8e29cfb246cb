package io.theseus.cli;

import io.theseus.rollout.RolloutPhase;
import io.theseus.rollout.RolloutStatus;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How one scenario of the demo ended, for the summary table and the exit status.
 *
 * @param scenario the scenario's name
 * @param status its final status
 * @param elapsed from the rollout's start to its end
 */
record DemoOutcome(String scenario, RolloutStatus status, Duration elapsed) {

  /** The phase a scenario must end in: healthy is promoted, the others are rolled back. */
  static RolloutPhase expected(String scenario) {
    return scenario.equals("healthy") ? RolloutPhase.SUCCEEDED : RolloutPhase.ROLLED_BACK;
  }

  boolean asExpected() {
    return status.phase() == expected(scenario);
  }

  /** The summary table: scenario, outcome, time, canary requests served, why. */
  static String table(List<DemoOutcome> outcomes) {
    StringBuilder out = new StringBuilder();
    String format = "%-20s %-12s %-9s %7s %9s  %s%n";
    out.append(
        String.format(
            Locale.ROOT, format, "SCENARIO", "OUTCOME", "EXPECTED", "TIME", "CANARY", "WHY"));
    for (DemoOutcome o : outcomes) {
      out.append(
          String.format(
              Locale.ROOT,
              format,
              o.scenario(),
              o.status().phase().display(),
              o.asExpected() ? "yes" : "NO",
              minutes(o.elapsed()),
              o.status().analysis().canaryRequests(),
              o.status().reason()));
    }
    return out.toString();
  }

  private static String minutes(Duration d) {
    return String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
  }
}
