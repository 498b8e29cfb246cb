package io.theseus.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.config.AnalysisConfig;
import io.theseus.config.OnInconclusive;
import io.theseus.testing.RolloutFixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The first step captures the band and passes without the non-inferiority proof; later ones not.
 */
class JudgeCaptureStepTest {

  private static final AnalysisConfig CONFIG =
      Rollouts.config(0.01, OnInconclusive.PAUSE, RolloutFixtures.errorRate(true));

  private final Judge judge = new Judge();

  @Test
  void theFirstStepPassesOnceCapturedWithoutTheBoundProvingNonInferiority() {
    // 400 canary requests per tick, no errors: after 3 ticks (minEvidence 1000 requests, 3
    // ticks) the canary's upper bound on 0/1200 is still above the 0.1% + 0.2 points band.
    List<Decision> ticks = feed(CONFIG, JudgeState.initial(), 0, 3, 1, 400);
    Decision third = ticks.get(2);
    Verdict v = third.verdicts().get(0);
    assertThat(ticks.subList(0, 2)).allMatch(d -> d.kind() == Decision.Kind.HOLD);
    assertThat(third.kind()).isEqualTo(Decision.Kind.ADVANCE);
    assertThat(third.targetWeight()).isEqualTo(5);
    assertThat(v.outcome()).isEqualTo(Verdict.Outcome.PASS);
    assertThat(v.reason()).contains("tolerance captured and no regression");
    assertThat(v.upper()).isGreaterThan(v.toleranceLimit());
    assertThat(third.state().captured()).containsKey("error-rate");
  }

  @Test
  void atLowTrafficTheBandWaitsForStableDataAndACanaryBeyondItIsNotPromoted() {
    // 20 rps; the stable at 0.5% errors, the canary at 1.5%: beyond the 0.75% the tolerance allows.
    // The stable's bound needs about 20 minutes to come within the allowance: until then no band
    // is captured, and the step deadline rolls the canary back (a 1.8% band promoted it).
    AnalysisConfig lowTraffic =
        new AnalysisConfig(
            CONFIG.interval(),
            List.of(5, 25, 50, 100),
            new io.theseus.config.MinEvidence(100, 2),
            java.time.Duration.ofMinutes(20),
            CONFIG.alpha(),
            OnInconclusive.ROLLBACK,
            CONFIG.darkCanaryHeader(),
            CONFIG.hooks(),
            CONFIG.metrics());
    Traffic.Behaviour stable = Traffic.Behaviour.HEALTHY.withErrorRate(0.005);
    for (long seed = 1; seed <= 3; seed++) {
      Rollouts.Run run =
          Rollouts.run(
              lowTraffic,
              new Traffic(seed, 20, Rollouts.INTERVAL, 1),
              w -> stable,
              w -> stable.withErrorRate(0.015),
              400);

      assertThat(run.kind()).isEqualTo(Decision.Kind.ROLLBACK);
      Decision firstAtMinEvidence =
          run.decisions().stream()
              .filter(d -> d.verdicts().get(0).canaryN() >= 100 && d.state().ticks() >= 2)
              .findFirst()
              .orElseThrow();
      assertThat(firstAtMinEvidence.verdicts().get(0).reason())
          .contains("no tolerance band captured yet: the stable's bound");
    }
  }

  @Test
  void aRolloutWithASingleStepNeverPassesWithoutTheProof() {
    AnalysisConfig single =
        new AnalysisConfig(
            CONFIG.interval(),
            List.of(100),
            CONFIG.minEvidence(),
            CONFIG.stepDeadline(),
            CONFIG.alpha(),
            CONFIG.onInconclusive(),
            CONFIG.darkCanaryHeader(),
            CONFIG.hooks(),
            CONFIG.metrics());
    List<Decision> ticks = feed(single, JudgeState.initial(), 0, 5, 1, 400);
    assertThat(ticks).allMatch(d -> d.kind() == Decision.Kind.HOLD);
    assertThat(ticks.get(4).verdicts().get(0).reason()).contains("does not yet rule out");
  }

  @Test
  void theNextStepHoldsUntilItsBoundProvesNonInferiority() {
    List<Decision> first = feed(CONFIG, JudgeState.initial(), 0, 3, 1, 400);
    List<Decision> atFive = feed(CONFIG, first.get(2).state(), 3, 6, 5, 400);
    assertThat(atFive.subList(0, 5)).allMatch(d -> d.kind() == Decision.Kind.HOLD);
    assertThat(atFive.get(4).verdicts().get(0).reason()).contains("does not yet rule out");
    // At 2400 requests without an error the bound comes inside the band and the step passes.
    Decision passed = atFive.get(5);
    Verdict v = passed.verdicts().get(0);
    assertThat(passed.kind()).isEqualTo(Decision.Kind.ADVANCE);
    assertThat(passed.targetWeight()).isEqualTo(25);
    assertThat(v.upper()).isLessThanOrEqualTo(v.toleranceLimit());
    assertThat(v.reason()).contains("within the tolerance limit");
  }

  @Test
  void aCanaryWhoseFigureIsOutsideTheBandDoesNotPassTheFirstStep() {
    // 0.5% errors against a band near 0.3%: not significant yet, but not "no regression" either.
    List<Decision> ticks = new ArrayList<>();
    JudgeState state = JudgeState.initial();
    for (int i = 0; i < 3; i++) {
      Decision d = judge.decide(CONFIG, state, tick(i, 1, 400, 2));
      ticks.add(d);
      state = d.state();
    }
    assertThat(ticks).allMatch(d -> d.kind() == Decision.Kind.HOLD);
    assertThat(ticks.get(2).verdicts().get(0).canaryValue()).isEqualTo(0.005);
  }

  private List<Decision> feed(
      AnalysisConfig config, JudgeState from, int firstTick, int ticks, int weight, long canary) {
    List<Decision> decisions = new ArrayList<>();
    JudgeState state = from;
    for (int i = firstTick; i < firstTick + ticks; i++) {
      Decision d = judge.decide(config, state, tick(i, weight, canary, 0));
      decisions.add(d);
      state = d.state();
    }
    return decisions;
  }

  private static TickEvidence tick(int i, int weight, long canary, long canaryErrors) {
    Instant time = Rollouts.START.plus(Rollouts.INTERVAL.multipliedBy(i + 1));
    MetricEvidence e =
        new MetricEvidence(new RatioCounts(297_000, 297), new RatioCounts(canary, canaryErrors));
    return new TickEvidence(time, weight, Map.of("error-rate", e), Map.of());
  }
}
