package io.theseus.telemetry;

import java.util.Set;

/**
 * One metric's verdict and figures at one tick, as the dashboard draws them. Values not known yet
 * (no tolerance captured before the Baseline stage ends) are NaN, which Grafana leaves as a gap.
 *
 * @param verdict {@code PASS}, {@code FAIL} or {@code INCONCLUSIVE}
 * @param canaryValue the canary's figure (error ratio, latency quantile, gauge mean)
 * @param stableValue the stable version's figure, in the same unit
 * @param toleranceUpper the worst acceptable canary figure (the band's edge captured at 1%)
 * @param evalue the metric's e-value: evidence of a regression, 1 = none
 * @param evalueThreshold the e-value at which the metric fails (e.g. 1/alpha)
 */
public record VerdictValues(
    String verdict,
    double canaryValue,
    double stableValue,
    double toleranceUpper,
    double evalue,
    double evalueThreshold) {

  /** The verdicts a metric can have. */
  public static final Set<String> VERDICTS = Set.of("PASS", "FAIL", "INCONCLUSIVE");

  public VerdictValues {
    if (!VERDICTS.contains(verdict)) {
      throw new IllegalArgumentException(
          "verdict must be PASS, FAIL or INCONCLUSIVE, got " + verdict);
    }
  }
}
