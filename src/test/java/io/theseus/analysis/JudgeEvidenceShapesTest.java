package io.theseus.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.config.AnalysisConfig;
import io.theseus.config.OnInconclusive;
import io.theseus.testing.RolloutFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Evidence whose shape once misled the judge: gauges inside their tolerance, bucket layouts. */
class JudgeEvidenceShapesTest {

  private final Judge judge = new Judge();

  /** A stable histogram of 297 000 requests in milliseconds, Istio-like bounds. */
  private static final Map<Double, Long> STABLE =
      Map.of(
          5.0,
          14_850L,
          10.0,
          59_400L,
          25.0,
          148_500L,
          50.0,
          222_750L,
          100.0,
          267_300L,
          250.0,
          288_090L,
          500.0,
          294_030L,
          1000.0,
          296_109L,
          Double.POSITIVE_INFINITY,
          297_000L);

  @Test
  void aGaugeAboveTheStableButInsideItsToleranceIsNeverFailed() {
    // cpu's tolerance is 20%; the canary is 3% above the stable in every tick
    AnalysisConfig config = Rollouts.config(0.01, OnInconclusive.PAUSE, RolloutFixtures.cpu(true));
    List<Decision> decisions = feed(config, 30, i -> gauge(i, 0.39 + 0.001 * (i % 3), 1.03));

    assertThat(decisions).noneMatch(d -> d.kind() == Decision.Kind.ROLLBACK);
    assertThat(decisions)
        .allSatisfy(
            d -> assertThat(d.verdicts().get(0).outcome()).isNotEqualTo(Verdict.Outcome.FAIL));
    // the sign test counts no tick beyond the stable widened by 20%: [inside, beyond]
    List<Long> signs = decisions.get(29).state().metric("cpu").canaryCells();
    assertThat(signs.get(1)).isZero();
    assertThat(signs.get(0)).isPositive();
    assertThat(decisions.get(29).verdicts().get(0).logE()).isNegative();
  }

  @Test
  void aGaugeBeyondItsToleranceIsStillFailed() {
    AnalysisConfig config = Rollouts.config(0.01, OnInconclusive.PAUSE, RolloutFixtures.cpu(true));
    List<Decision> decisions = feed(config, 30, i -> gauge(i, 0.39 + 0.001 * (i % 3), 1.5));

    Decision last = decisions.get(decisions.size() - 1);
    assertThat(last.kind()).isEqualTo(Decision.Kind.ROLLBACK);
    assertThat(last.verdicts().get(0).outcome()).isEqualTo(Verdict.Outcome.FAIL);
  }

  @Test
  void gaugeReadingsNearTheLargestDoubleKeepFiniteFigures() {
    AnalysisConfig config = Rollouts.config(0.01, OnInconclusive.PAUSE, RolloutFixtures.cpu(true));
    List<Decision> decisions = feed(config, 5, i -> gauge(i, 1.7e308, 1.0));

    Verdict last = decisions.get(4).verdicts().get(0);
    assertThat(last.canaryValue()).isEqualTo(1.7e308);
    assertThat(last.stableValue()).isEqualTo(1.7e308);
  }

  @Test
  void aCanaryWithFewerBucketBoundsButTheSameLatencyIsNotFailed() {
    // the stable's distribution over 3000 requests
    List<Decision> decisions = withShortLayout(150, 600, 2250, 2700, 2910, 2991, 3000);

    assertThat(decisions)
        .allSatisfy(
            d -> assertThat(d.verdicts().get(0).outcome()).isNotEqualTo(Verdict.Outcome.FAIL));
    assertThat(decisions.get(decisions.size() - 1).verdicts().get(0).logE()).isLessThan(0);
  }

  @Test
  void aSlowerCanaryWithFewerBucketBoundsIsStillFailed() {
    // every canary request above 250 ms, where the stable has 3%
    List<Decision> decisions = withShortLayout(0, 0, 0, 0, 0, 2991, 3000);

    assertThat(decisions.get(decisions.size() - 1).kind()).isEqualTo(Decision.Kind.ROLLBACK);
  }

  private List<Decision> feed(AnalysisConfig config, int ticks, IntFunction<TickEvidence> tick) {
    JudgeState state = JudgeState.initial();
    List<Decision> decisions = new ArrayList<>();
    for (int i = 0; i < ticks; i++) {
      Decision d = judge.decide(config, state, tick.apply(i));
      decisions.add(d);
      state = d.state();
      if (d.kind() == Decision.Kind.ROLLBACK) {
        break;
      }
    }
    return decisions;
  }

  @Test
  void aGaugeAtFullWeightIsHeldToTheCapturedBandNotToTheIdleStable() {
    // At 100% the stable's pods serve nothing and report 0.05 CPU; the canary stays at 0.39.
    AnalysisConfig config = Rollouts.config(0.01, OnInconclusive.PAUSE, RolloutFixtures.cpu(true));
    Traffic.Behaviour canary = new Traffic.Behaviour(0.001, 1, 0, 1, 0.39);
    Rollouts.Run run =
        Rollouts.run(
            config,
            new Traffic(11, 1000, Rollouts.INTERVAL, 1),
            w -> new Traffic.Behaviour(0.001, 1, 0, 1, w == 100 ? 0.05 : 0.4),
            w -> canary,
            400);

    assertThat(run.kind()).isEqualTo(Decision.Kind.PROMOTE);
    // no sign (canary above or below the stable) is counted at 100%
    assertThat(run.last().state().metric("cpu").canaryCells()).containsOnly(0L);
  }

  @Test
  void aGaugeThatNeverVariesIsFailedOnceItLeavesTheCapturedBand() {
    // Constant readings of 0.5 until 25%, then both versions at 0.8 (the band allows 0.6).
    AnalysisConfig config = Rollouts.config(0.01, OnInconclusive.PAUSE, RolloutFixtures.cpu(true));
    JudgeState state = JudgeState.initial();
    int weight = 1;
    Decision d = null;
    for (int i = 0; i < 200 && (d == null || d.kind() == Decision.Kind.HOLD); i++) {
      double level = weight >= 25 ? 0.8 : 0.5;
      d = judge.decide(config, state, gauge(i, weight, level, 1));
      state = d.state();
      if (d.kind() == Decision.Kind.ADVANCE) {
        weight = d.targetWeight();
        d = null;
      }
    }

    assertThat(d.kind()).isEqualTo(Decision.Kind.ROLLBACK);
    assertThat(d.state().weight()).isEqualTo(25);
    assertThat(d.verdicts().get(0).lower()).isEqualTo(0.8);
    assertThat(d.verdicts().get(0).reason()).contains("outside the tolerance limit 0.600000");
  }

  private static TickEvidence gauge(int i, double stable, double canaryFactor) {
    return gauge(i, 1, stable, canaryFactor);
  }

  private static TickEvidence gauge(int i, int weight, double stable, double canaryFactor) {
    double canary = stable * canaryFactor;
    MetricEvidence e =
        new MetricEvidence(
            new GaugeValues(List.of(stable, stable)), new GaugeValues(List.of(canary, canary)));
    return new TickEvidence(at(i), weight, Map.of("cpu", e), Map.of());
  }

  /**
   * Eight ticks at 1% of the stable against a canary whose histogram lacks the stable's 25 and 500
   * ms bounds (a new version's layout), with these cumulative counts on the rest.
   */
  private List<Decision> withShortLayout(long... cumulative) {
    double[] bounds = {5, 10, 50, 100, 250, 1000, Double.POSITIVE_INFINITY};
    Map<Double, Long> canary = new TreeMap<>();
    for (int i = 0; i < bounds.length; i++) {
      canary.put(bounds[i], cumulative[i]);
    }
    AnalysisConfig config =
        Rollouts.config(0.01, OnInconclusive.PAUSE, RolloutFixtures.latency(true));
    return feed(config, 8, i -> latency(i, canary));
  }

  private static TickEvidence latency(int i, Map<Double, Long> canary) {
    MetricEvidence e =
        new MetricEvidence(
            HistogramCounts.of(new TreeMap<>(STABLE)), HistogramCounts.of(new TreeMap<>(canary)));
    return new TickEvidence(at(i), 1, Map.of("latency", e), Map.of());
  }

  private static java.time.Instant at(int i) {
    return Rollouts.START.plus(Rollouts.INTERVAL.multipliedBy(i + 1));
  }
}
