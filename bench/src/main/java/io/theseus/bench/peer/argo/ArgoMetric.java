package io.theseus.bench.peer.argo;

import java.util.OptionalDouble;
import java.util.function.DoublePredicate;

/**
 * One metric of an Argo Rollouts AnalysisRun (stats.md section 4): {@code EvaluateResult} per
 * measurement from the success and failure conditions, then the metric phase from the counters
 * against failureLimit, inconclusiveLimit, consecutiveErrorLimit and count. Conditions are
 * predicates with Go/expr semantics for NaN: every comparison with NaN is false.
 */
public final class ArgoMetric {

  /**
   * Limits of the metric.
   *
   * @param count measurements to take before the metric is Successful
   * @param failureLimit failed measurements tolerated (Failed once exceeded)
   * @param inconclusiveLimit inconclusive measurements tolerated
   * @param consecutiveErrorLimit consecutive errors tolerated
   */
  public record Limits(
      int count, int failureLimit, int inconclusiveLimit, int consecutiveErrorLimit) {}

  private final DoublePredicate success;
  private final DoublePredicate failure;
  private final Limits limits;
  private int measured;
  private int failed;
  private int inconclusive;
  private int consecutiveErrors;

  /**
   * A metric; either condition may be null (absent).
   *
   * @param success the successCondition on {@code result[0]}, or null
   * @param failure the failureCondition on {@code result[0]}, or null
   */
  public ArgoMetric(DoublePredicate success, DoublePredicate failure, Limits limits) {
    this.success = success;
    this.failure = failure;
    this.limits = limits;
  }

  /** Records one measurement (empty = the query returned no series: an evaluation error). */
  public Phase measure(OptionalDouble result) {
    if (result.isEmpty()) {
      consecutiveErrors++;
    } else {
      consecutiveErrors = 0;
      measured++;
      switch (evaluate(result.getAsDouble())) {
        case FAILED -> failed++;
        case INCONCLUSIVE -> inconclusive++;
        default -> {}
      }
    }
    return phase();
  }

  /** EvaluateResult: the measurement's own phase. */
  Phase evaluate(double value) {
    if (success == null && failure == null) {
      return Phase.SUCCESSFUL;
    }
    if (failure == null) {
      return success.test(value) ? Phase.SUCCESSFUL : Phase.FAILED;
    }
    if (success == null) {
      return failure.test(value) ? Phase.FAILED : Phase.SUCCESSFUL;
    }
    if (failure.test(value)) {
      return Phase.FAILED;
    }
    return success.test(value) ? Phase.SUCCESSFUL : Phase.INCONCLUSIVE;
  }

  private Phase phase() {
    if (limits.failureLimit() >= 0 && failed > limits.failureLimit()) {
      return Phase.FAILED;
    }
    if (inconclusive > limits.inconclusiveLimit()) {
      return Phase.INCONCLUSIVE;
    }
    if (consecutiveErrors > limits.consecutiveErrorLimit()) {
      return Phase.ERROR;
    }
    return measured >= limits.count() ? Phase.SUCCESSFUL : Phase.RUNNING;
  }
}
