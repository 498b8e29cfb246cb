package io.theseus.bench.peer.kayenta;

/**
 * A Kayenta canary analysis as run by the standalone API / Spinnaker canary stage.
 *
 * @param confLevel Mann-Whitney confidence level (hard-coded 0.98 in Kayenta)
 * @param allowedIncrease least meanRatio for a HIGH classification (1.0 by default)
 * @param marginal score at or below which an interim judgement stops the run
 * @param pass least final score that passes
 * @param intervalMinutes minutes between judgements (growing window from the start)
 * @param lifetimeMinutes the run's length; the last judgement is the final one
 */
public record KayentaSettings(
    double confLevel,
    double allowedIncrease,
    double marginal,
    double pass,
    int intervalMinutes,
    int lifetimeMinutes) {

  /** stats.md section 6: 98% MW, interval 5 min, lifetime 30 min, marginal 75, pass 95. */
  public static KayentaSettings defaults() {
    return new KayentaSettings(0.98, 1.0, 75, 95, 5, 30);
  }

  /** The same run with a different effect-size threshold (the knob tuning turns). */
  public KayentaSettings withAllowedIncrease(double ratio) {
    return new KayentaSettings(confLevel, ratio, marginal, pass, intervalMinutes, lifetimeMinutes);
  }
}
