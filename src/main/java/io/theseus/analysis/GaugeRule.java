package io.theseus.analysis;

import io.theseus.stats.BetaMixture;
import io.theseus.stats.BetaPrior;
import io.theseus.stats.Interval;
import io.theseus.stats.QuantileBounds;
import java.util.List;

/**
 * Gauge metrics (CPU, memory, saturation): readings have no known range or variance, so the judge
 * uses distribution-free tests on the per-tick means. The e-process is a sign test: under "canary
 * not worse than the tolerance allows" the canary's tick mean is beyond the stable's tick mean
 * widened by the tolerance at most half the time (ties skipped), tested with the one-sided Beta
 * mixture. Figures are medians of tick means with the order-statistic confidence sequence of {@link
 * QuantileBounds}; both need several ticks, so few points stay INCONCLUSIVE.
 */
final class GaugeRule implements MetricRule {

  private static final double MEDIAN = 0.5;
  private static final BetaPrior SIGN_PRIOR = BetaPrior.centredOn(MEDIAN);

  @Override
  public boolean accepts(Sample sample) {
    return sample instanceof GaugeValues;
  }

  @Override
  public MetricState add(MetricState state, MetricEvidence evidence, StepContext step) {
    List<Double> canaryValues = ((GaugeValues) evidence.canary()).values();
    List<Double> stableValues = ((GaugeValues) evidence.stable()).values();
    if (canaryValues.isEmpty()) {
      return state;
    }
    double canaryMean = mean(canaryValues);
    long[] signs = MetricRule.unboxed(state.canaryCells());
    signs = signs.length == 0 ? new long[2] : signs;
    // At 100% the stable's pods serve no traffic but still report (idle CPU), and a tick may lack
    // the stable's readings: then only the canary's figure counts, held to the captured band.
    boolean compared = !stableValues.isEmpty() && step.share() < 1;
    if (compared) {
      // The sign is taken against the stable's tick mean widened by the tolerance, so the
      // e-process tests "worse by more than the tolerance", as the histogram one does with its
      // slack.
      double stableMean = mean(stableValues);
      double limit = step.spec().tolerance().limit(stableMean, step.spec().direction());
      if (step.worse(canaryMean, limit)) {
        signs[1]++;
      } else if (step.worse(limit, canaryMean)) {
        signs[0]++;
      }
    }
    double logE = BetaMixture.logEAbove(signs[1], signs[0] + signs[1], MEDIAN, SIGN_PRIOR);
    return state.observed(
        logE,
        state.canary().plusMean(canaryMean),
        compared ? state.stable().plusMean(mean(stableValues)) : state.stable(),
        List.of(),
        MetricRule.boxed(signs),
        List.of());
  }

  @Override
  public Figures figures(MetricState state, StepContext step) {
    double[] canary = sorted(state.canary().tickMeans());
    double[] stable = sorted(state.stable().tickMeans());
    return new Figures(
        "sign test e-value on per-tick means",
        median(canary),
        step.canaryBounds(bounds(canary, step.csAlpha()), bounds(canary, step.passAlpha())),
        median(stable),
        bounds(stable, step.csAlpha()),
        canary.length,
        stable.length,
        null);
  }

  @Override
  public boolean countsRequests() {
    return false;
  }

  /** Divides before adding, so finite readings near Double.MAX_VALUE keep a finite mean. */
  private static double mean(List<Double> values) {
    int n = values.size();
    return n == 0 ? Double.NaN : values.stream().mapToDouble(v -> v / n).sum();
  }

  private static double[] sorted(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static Interval bounds(double[] sorted, double alpha) {
    return QuantileBounds.ofValues(sorted, MEDIAN, alpha);
  }
}
