package io.theseus.analysis;

/**
 * One metric's verdict at one tick, with everything needed to explain it later. Values are in the
 * metric's unit (a rate for ratio metrics, the histogram's {@code le} unit for the configured
 * quantile, the gauge's unit for the median of per-tick means). Unknown figures are NaN, absent
 * bounds infinite.
 *
 * @param metric the metric's name
 * @param outcome PASS, FAIL or INCONCLUSIVE
 * @param reason one human sentence saying why
 * @param statistic which test produced {@code logE}
 * @param logE natural log of the rollout's e-value for "canary worse than stable" (stage e-values
 *     multiplied); FAIL needs it at or above {@code ln(2 m / alpha)} for {@code m} metrics
 * @param logThreshold the log e-value at which the metric fails: {@code ln(2 / alpha share)}, its
 *     share of the rollout's alpha by weight, half of it for the e-process
 * @param lower the canary's lower confidence bound
 * @param upper the canary's upper confidence bound
 * @param canaryValue the canary's figure in this step
 * @param stableValue the live stable's figure in this step
 * @param toleranceLimit the worst acceptable canary figure (captured band, or the live stable's
 *     before capture); NaN when there is none yet
 * @param canaryN canary observations in this step (requests, or ticks for gauges)
 * @param stableN stable observations in this step
 */
public record Verdict(
    String metric,
    Outcome outcome,
    String reason,
    String statistic,
    double logE,
    double logThreshold,
    double lower,
    double upper,
    double canaryValue,
    double stableValue,
    double toleranceLimit,
    long canaryN,
    long stableN) {

  /** A metric's verdict. */
  public enum Outcome {
    /** The step's evidence rules out a regression larger than the tolerance. */
    PASS,
    /** The canary is worse: significantly against the live stable, or outside the band. */
    FAIL,
    /** Not enough evidence either way (including no data). */
    INCONCLUSIVE
  }

  /** The e-value itself, capped at {@code e^709} so it stays a finite double. */
  public double eValue() {
    return Math.exp(Math.min(logE, 709));
  }

  /** The e-value at which the metric fails, capped as {@link #eValue()} is. */
  public double eValueThreshold() {
    return Math.exp(Math.min(logThreshold, 709));
  }

  /** An INCONCLUSIVE verdict for a metric without usable evidence this tick. */
  static Verdict noEvidence(String metric, String reason, double logE, double logThreshold) {
    double nan = Double.NaN;
    return new Verdict(
        metric,
        Outcome.INCONCLUSIVE,
        reason,
        "none",
        logE,
        logThreshold,
        Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY,
        nan,
        nan,
        nan,
        0,
        0);
  }
}
