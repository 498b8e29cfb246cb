package io.theseus.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.theseus.config.AnalysisConfig;
import io.theseus.config.OnInconclusive;
import io.theseus.testing.RolloutFixtures;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SlowShareTest {

  private static final long N = 1_000_000_000L;

  @Test
  void aParetoTailIsInterpolatedExactly() {
    // S(x) = (150 / x)^2 above 150: S(200) = 0.5625, S(400) = 0.140625; with a 20% width the
    // limit at the cut 400 is S(400 / 1.2) = (150 / 333.3)^2 = 0.2025.
    Tally stable = tally(Map.of(150.0, 0.0, 200.0, 1 - 0.5625, 400.0, 1 - 0.140625));
    assertThat(SlowShare.scaledStableShare(stable, 400, 0.2, 1e-3)).isCloseTo(0.2025, within(1e-4));
  }

  @Test
  void theBenchmarksStableGetsALimitAboveOnePercentAtTheIstio250msCut() {
    // 5.3% slower than 100 ms, 0.73% slower than 250 ms: log-log at 208.3 ms gives 1.083%.
    Tally stable = tally(Map.of(100.0, 0.947, 250.0, 0.9927, 500.0, 0.9982));
    assertThat(SlowShare.scaledStableShare(stable, 250, 0.2, 1e-3))
        .isCloseTo(0.010833, within(2e-5));
  }

  @Test
  void theSlowShareProofIsTheTruncatedBetaEValueInClosedForm() {
    // No request above the cut in n: with Beta(1, 99) truncated to (0, p) and p = 1%,
    // E = 99 / (n + 99) * (1 - (1 - p)^(n + 99)) / (1 - (1 - p)^99) / (1 - p)^n.
    Tally thousand = new Tally(1000, 0, Map.of(100.0, 1000L), java.util.List.of());
    Tally twoThousand = new Tally(2000, 0, Map.of(100.0, 2000L), java.util.List.of());

    SlowShare few = SlowShare.of(thousand, 250, 0.01, 1e-4);
    SlowShare more = SlowShare.of(twoThousand, 250, 0.01, 1e-4);

    assertThat(few.logE()).isCloseTo(8.104890, within(1e-5));
    assertThat(few.proved()).isFalse();
    assertThat(more.logE()).isCloseTo(17.508182, within(1e-5));
    assertThat(more.proved()).isTrue();
    assertThat(more.share()).isZero();
  }

  @Test
  void theTailIndexOfAParetoTailIsItsShape() {
    // S(x) = (150 / x)^2: S(200) = 0.5625, S(400) = 0.140625, slope ln(4) / ln(2) = 2.
    Tally stable = tally(Map.of(150.0, 0.0, 200.0, 1 - 0.5625, 400.0, 1 - 0.140625));
    assertThat(SlowShare.tailIndex(stable, 400)).isCloseTo(2, within(1e-6));
  }

  @Test
  void theBenchmarksStableHasATailIndexNearTwoAtThe250msCut() {
    // 5.3% slower than 100 ms, 0.73% slower than 250 ms: ln(5.3 / 0.73) / ln(2.5) = 2.163.
    Tally stable = tally(Map.of(100.0, 0.947, 250.0, 0.9927, 500.0, 0.9982));
    assertThat(SlowShare.tailIndex(stable, 250)).isCloseTo(2.1635, within(1e-4));
    assertThat(SlowShare.tailIndex(stable, 100)).isNaN();
  }

  @Test
  void withoutABucketBoundBelowTheTargetItTakesTheShareAboveTheNextOne() {
    Tally stable = tally(Map.of(250.0, 0.9927, 500.0, 0.9982));
    assertThat(SlowShare.scaledStableShare(stable, 250, 0.2, 1e-3)).isCloseTo(0.0073, within(2e-5));
  }

  @Test
  void aLaterStepPassesOnTheSlowShareWhileTheQuantileBoundIsStillTheNextBucket() {
    AnalysisConfig config =
        Rollouts.config(0.01, OnInconclusive.PAUSE, RolloutFixtures.latencyMs(true));
    Map<Double, Double> stable = Map.of(100.0, 0.947, 250.0, 0.9927, 500.0, 0.9982);
    // The canary: 0.9% slower than 250 ms, below the stable's scaled 1.08% but close to 1%.
    Map<Double, Double> canary = Map.of(100.0, 0.945, 250.0, 0.991, 500.0, 0.998);
    Judge judge = new Judge();
    JudgeState state = JudgeState.initial();
    Decision d = null;
    for (int i = 0; i < 30; i++) {
      int weight = i < 3 ? 1 : 5;
      d = judge.decide(config, state, tick(i, weight, stable, canary));
      state = d.state();
      if (weight == 5 && d.kind() != Decision.Kind.HOLD) {
        break;
      }
    }
    Verdict v = d.verdicts().get(0);
    assertThat(d.kind()).isEqualTo(Decision.Kind.ADVANCE);
    assertThat(d.targetWeight()).isEqualTo(25);
    assertThat(v.reason()).contains("share of requests slower than 250");
    assertThat(v.upper()).isEqualTo(500.0);
    assertThat(v.toleranceLimit()).isLessThan(500.0);
  }

  private static TickEvidence tick(
      int i, int weight, Map<Double, Double> stable, Map<Double, Double> canary) {
    long total = 300_000;
    long canaryTotal = total * weight / 100;
    MetricEvidence e =
        new MetricEvidence(histogram(stable, total - canaryTotal), histogram(canary, canaryTotal));
    Instant time = Rollouts.START.plus(Rollouts.INTERVAL.multipliedBy(i + 1));
    return new TickEvidence(time, weight, Map.of("latency", e), Map.of());
  }

  private static HistogramCounts histogram(Map<Double, Double> cdf, long n) {
    Map<Double, Long> cumulative = new TreeMap<>();
    cdf.forEach((le, f) -> cumulative.put(le, Math.round(f * n)));
    cumulative.put(Double.POSITIVE_INFINITY, n);
    return HistogramCounts.of(cumulative);
  }

  /** A tally of N requests with the given cumulative fractions (the rest above the last bound). */
  private static Tally tally(Map<Double, Double> cdf) {
    Map<Double, Long> inBucket = new LinkedHashMap<>();
    long previous = 0;
    for (Map.Entry<Double, Double> e : new TreeMap<>(cdf).entrySet()) {
      long cumulative = Math.round(e.getValue() * N);
      inBucket.put(e.getKey(), cumulative - previous);
      previous = cumulative;
    }
    inBucket.put(Double.POSITIVE_INFINITY, N - previous);
    return new Tally(N, 0, inBucket, java.util.List.of());
  }
}
