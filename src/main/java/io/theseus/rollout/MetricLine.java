package io.theseus.rollout;

import io.theseus.analysis.Verdict;

/**
 * One metric's verdict of the latest analysis, as shown in status, the API and the terminal.
 * Figures are null when the judge had none.
 *
 * @param metric the metric name
 * @param verdict {@code PASS}, {@code FAIL} or {@code INCONCLUSIVE}
 * @param canary the canary's figure in the metric's unit
 * @param stable the stable figure in the metric's unit
 * @param limit the worst acceptable canary figure (the tolerance band's edge)
 * @param eValue the metric's e-value (evidence against "no regression")
 * @param eValueThreshold the e-value at which the metric fails; null in a status written before it
 *     was recorded
 * @param reason why, in one line
 */
public record MetricLine(
    String metric,
    String verdict,
    Double canary,
    Double stable,
    Double limit,
    Double eValue,
    Double eValueThreshold,
    String reason) {

  /** Whether the judge failed this metric (as opposed to a step deadline or an override). */
  public boolean failed() {
    return Verdict.Outcome.FAIL.name().equals(verdict);
  }
}
