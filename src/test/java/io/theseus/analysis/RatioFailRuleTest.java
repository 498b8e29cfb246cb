package io.theseus.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.analysis.Traffic.Behaviour;
import io.theseus.config.AnalysisConfig;
import io.theseus.config.MinEvidence;
import io.theseus.config.OnInconclusive;
import io.theseus.testing.RolloutFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/**
 * A ratio metric FAILs on its e-process only when the canary is both significantly worse than the
 * live stable and, by its figure, beyond the captured tolerance (docs/judge.md, "Verdicts").
 */
class RatioFailRuleTest {

  private static final double ALPHA = 0.01;

  /** The shipped default's shape: alpha 1%, error rate and latency, 10 min steps. */
  private static final AnalysisConfig DEFAULT_LIKE =
      new AnalysisConfig(
          Rollouts.INTERVAL,
          AnalysisConfig.DEFAULT_STEPS,
          new MinEvidence(200, 2),
          Duration.ofMinutes(10),
          ALPHA,
          OnInconclusive.ROLLBACK,
          "x-theseus-canary",
          List.of(),
          List.of(RolloutFixtures.errorRate(true), RolloutFixtures.latency(true)));

  private final Judge judge = new Judge();

  @Test
  void aSignificantlyWorseCanaryInsideTheToleranceDoesNotFail() {
    // 0.25% against 0.1% over 10 000 canary requests a tick: the e-process (against the live
    // stable, no slack) crosses its threshold, but the canary's rate stays inside the band
    // (0.1% + 0.2 points, widened by the stable's bound: above 0.3%).
    List<Decision> ticks = feed(new RatioCounts(10_000, 25), 6);
    double threshold = Math.log(2 / ALPHA);
    assertThat(ticks.get(5).state().metric("error-rate").maxLogE()).isGreaterThan(threshold);
    assertThat(ticks)
        .allSatisfy(d -> assertThat(d.verdicts().get(0).outcome()).isNotEqualTo(fail()));
    assertThat(ticks.get(5).verdicts().get(0).canaryValue())
        .isLessThan(ticks.get(5).verdicts().get(0).toleranceLimit());
  }

  @Test
  void aSignificantlyWorseCanaryBeyondTheToleranceFailsOnTheEProcess() {
    List<Decision> ticks = feed(new RatioCounts(10_000, 50), 1);
    Verdict v = ticks.get(0).verdicts().get(0);
    assertThat(v.outcome()).isEqualTo(fail());
    assertThat(v.reason()).contains("worse than the live stable and beyond the tolerance");
    // Before capture the live band: 0.2 points over the stable's upper bound, so at least 0.3%.
    // The canary's lower bound is below even that: the band rule alone would not fail it yet.
    assertThat(v.lower()).isLessThan(0.003);
    assertThat(ticks.get(0).kind()).isEqualTo(Decision.Kind.ROLLBACK);
  }

  @Test
  void aCanaryAtTheStableRatePlusHalfTheToleranceFailsAtMostAlphaOfItsRollouts() {
    // 0.2% against 0.1% (tolerance 0.2 points): inside the tolerance, yet worse than the stable,
    // so the e-process alone would fail it once the later steps' traffic comes in. A FAIL also
    // needs the canary's rate beyond the band (above 0.3%), which only noise can bring.
    Behaviour halfTolerance = Behaviour.HEALTHY.withErrorRate(0.002);
    int runs = 300;
    int fails = 0;
    for (int seed = 0; seed < runs; seed++) {
      Traffic traffic = new Traffic(20_000 + seed, 1000, Rollouts.INTERVAL, 1.0);
      Rollouts.Run run =
          Rollouts.run(DEFAULT_LIKE, traffic, w -> Behaviour.HEALTHY, w -> halfTolerance, 200);
      fails += run.decisions().stream().anyMatch(RatioFailRuleTest::errorRateFailed) ? 1 : 0;
    }
    int bound = new BinomialDistribution(null, runs, ALPHA).inverseCumulativeProbability(0.999);
    assertThat(fails).isLessThanOrEqualTo(bound);
  }

  @Test
  void errorsFromPointOneToOnePercentFailWithinThreeTimesTheWaldBoundInTheMedian() {
    // The Wald oracle's expected sample size for 0.1% -> 1% at alpha 1%: ln(1/alpha) / KL(1% ||
    // 0.1%) = 4.605 / 0.01407 = 327 canary requests; the target is within 3x.
    double kl = 0.01 * Math.log(0.01 / 0.001) + 0.99 * Math.log(0.99 / 0.999);
    double limit = 3 * Math.log(1 / ALPHA) / kl;
    int runs = 200;
    List<Long> requests = new ArrayList<>();
    for (int seed = 0; seed < runs; seed++) {
      // 500 requests/s: 150 canary requests a tick at 1%, so the tick size barely rounds it.
      Traffic traffic = new Traffic(30_000 + seed, 500, Rollouts.INTERVAL, 1.0);
      Rollouts.Run run =
          Rollouts.run(
              DEFAULT_LIKE,
              traffic,
              w -> Behaviour.HEALTHY,
              w -> Behaviour.HEALTHY.withErrorRate(0.01),
              200);
      assertThat(run.kind()).isEqualTo(Decision.Kind.ROLLBACK);
      assertThat(errorRateFailed(run.last())).isTrue();
      requests.add(canaryRequests(run));
    }
    requests.sort(Long::compare);
    assertThat(limit).isCloseTo(981.8, org.assertj.core.api.Assertions.within(0.5));
    assertThat(requests.get(runs / 2)).isLessThanOrEqualTo((long) limit);
  }

  /** The canary requests of the whole run: each step's count at its last tick, added up. */
  private static long canaryRequests(Rollouts.Run run) {
    Map<Integer, Long> perStep = new java.util.HashMap<>();
    run.decisions().forEach(d -> perStep.put(d.state().stage(), d.state().canaryRequests()));
    return perStep.values().stream().mapToLong(Long::longValue).sum();
  }

  private static boolean errorRateFailed(Decision d) {
    return d.verdicts().stream()
        .anyMatch(v -> v.metric().equals("error-rate") && v.outcome() == fail());
  }

  private static Verdict.Outcome fail() {
    return Verdict.Outcome.FAIL;
  }

  /** Ticks at 1% with 990 000 stable requests at 0.1% errors and the given canary counts. */
  private List<Decision> feed(RatioCounts canary, int ticks) {
    AnalysisConfig config =
        Rollouts.config(ALPHA, OnInconclusive.PAUSE, RolloutFixtures.errorRate(true));
    JudgeState state = JudgeState.initial();
    List<Decision> decisions = new ArrayList<>();
    for (int i = 0; i < ticks; i++) {
      MetricEvidence e = new MetricEvidence(new RatioCounts(990_000, 990), canary);
      TickEvidence tick =
          new TickEvidence(
              Rollouts.START.plus(Rollouts.INTERVAL.multipliedBy(i + 1)),
              1,
              Map.of("error-rate", e),
              Map.of());
      Decision d = judge.decide(config, state, tick);
      decisions.add(d);
      state = d.state();
    }
    return decisions;
  }
}
