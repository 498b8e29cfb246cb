package io.theseus.controller;

import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.MetricLine;
import io.theseus.rollout.OverrideRecord;
import io.theseus.rollout.RolloutPhase;
import io.theseus.rollout.RolloutStatus;
import io.theseus.rollout.RolloutStatus.AnalysisRecord;
import io.theseus.telemetry.TheseusMetrics;
import io.theseus.telemetry.VerdictValues;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exports every rollout's phase, weight, step, per-metric verdicts and tick time after each tick;
 * counts each analysed tick's decision once, and rollbacks and promotions once each, when the phase
 * is first entered; and each applied manual override.
 */
public final class TelemetryListener implements RolloutListener {

  private final TheseusMetrics metrics;
  private final Map<CanaryRef, RolloutPhase> lastPhase = new ConcurrentHashMap<>();
  private final Map<CanaryRef, AnalysisRecord> lastAnalysis = new ConcurrentHashMap<>();

  public TelemetryListener(TheseusMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void onTick(RolloutView view) {
    CanaryRef ref = view.spec().ref();
    RolloutStatus status = view.status();
    String ns = ref.namespace();
    metrics.recordPhase(ns, ref.name(), status.phase().display());
    metrics.recordWeight(ns, ref.name(), status.canaryWeight());
    metrics.recordStep(ns, ref.name(), Math.max(0, status.step().index()));
    for (MetricLine line : status.analysis().metrics()) {
      metrics.recordVerdict(ns, ref.name(), line.metric(), values(line));
    }
    metrics.recordTick(ns, ref.name(), view.tickTime());
    AnalysisRecord analysed = status.analysis();
    if (!analysed.decision().isEmpty() && !analysed.equals(lastAnalysis.put(ref, analysed))) {
      metrics.recordDecision(ns, ref.name(), analysed.decision());
    }
    RolloutPhase before = lastPhase.put(ref, status.phase());
    if (before != status.phase()) {
      countEntered(ref, status.phase());
    }
  }

  /** Counts the override; the dashboard's Overrides annotation queries this counter. */
  @Override
  public void onOverride(CanaryRef ref, OverrideRecord record) {
    metrics.recordOverride(ref.namespace(), ref.name(), record.action().wire());
  }

  private void countEntered(CanaryRef ref, RolloutPhase phase) {
    if (phase == RolloutPhase.ROLLING_BACK) {
      metrics.recordRollback(ref.namespace(), ref.name());
    } else if (phase == RolloutPhase.SUCCEEDED) {
      metrics.recordPromotion(ref.namespace(), ref.name());
    }
  }

  private static VerdictValues values(MetricLine line) {
    return new VerdictValues(
        line.verdict(),
        orNaN(line.canary()),
        orNaN(line.stable()),
        orNaN(line.limit()),
        line.eValue() == null ? 1 : line.eValue(),
        orNaN(line.eValueThreshold()));
  }

  private static double orNaN(Double value) {
    return value == null ? Double.NaN : value;
  }
}
