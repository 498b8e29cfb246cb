package io.theseus.bench.peer.flagger;

/**
 * A Flagger canary analysis with the two built-in Istio metrics.
 *
 * @param successRateMin thresholdRange.min of {@code request-success-rate}, in percent
 * @param durationMaxMs thresholdRange.max of {@code request-duration} (p99), in ms
 * @param threshold failed checks that trigger a rollback
 * @param stepWeight weight added after each passing check
 * @param maxWeight weight at which a passing check promotes
 */
public record FlaggerSettings(
    double successRateMin, double durationMaxMs, int threshold, int stepWeight, int maxWeight) {

  /**
   * Flagger's documented example thresholds (min 99%, max 500 ms) with stats.md section 6's
   * schedule: interval 1m, threshold 5, stepWeight 1, here up to maxWeight 30 (30 checks, like
   * Argo's count 30 and Kayenta's 30-minute lifetime).
   */
  public static FlaggerSettings defaults() {
    return new FlaggerSettings(99, 500, 5, 1, 30);
  }

  /** The same schedule with other thresholds (what tuning changes). */
  public FlaggerSettings withThresholds(double successRateMin, double durationMaxMs) {
    return new FlaggerSettings(successRateMin, durationMaxMs, threshold, stepWeight, maxWeight);
  }
}
