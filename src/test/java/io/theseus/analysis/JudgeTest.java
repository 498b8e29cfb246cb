package io.theseus.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.theseus.config.AnalysisConfig;
import io.theseus.config.MetricSpec;
import io.theseus.config.OnInconclusive;
import io.theseus.testing.RolloutFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JudgeTest {

  private final Judge judge = new Judge();

  @Test
  void aMissingMetricIsInconclusiveWithItsReasonAndHolds() {
    AnalysisConfig config = config(OnInconclusive.ROLLBACK, RolloutFixtures.errorRate(true));
    TickEvidence tick =
        new TickEvidence(at(1), 1, Map.of(), Map.of("error-rate", "prometheus unreachable"));
    Decision d = judge.decide(config, JudgeState.initial(), tick);
    assertThat(d.kind()).isEqualTo(Decision.Kind.HOLD);
    assertThat(d.targetWeight()).isEqualTo(1);
    Verdict v = d.verdicts().get(0);
    assertThat(v.outcome()).isEqualTo(Verdict.Outcome.INCONCLUSIVE);
    assertThat(v.reason()).contains("prometheus unreachable");
  }

  @ParameterizedTest
  @CsvSource({"ROLLBACK, ROLLBACK, 0", "PAUSE, PAUSE, 1", "ADVANCE, ADVANCE, 5"})
  void withoutDataTheStepHoldsUntilItsDeadlineThenOnInconclusiveDecides(
      OnInconclusive onInconclusive, Decision.Kind expected, int target) {
    AnalysisConfig config = config(onInconclusive, RolloutFixtures.errorRate(true));
    // 10 min deadline, 30 s ticks; the step starts one interval before its first tick.
    List<Decision> decisions = feed(config, 20, i -> noData(i, 1));
    assertThat(decisions.subList(0, 19)).allMatch(d -> d.kind() == Decision.Kind.HOLD);
    Decision last = decisions.get(19);
    assertThat(last.kind()).isEqualTo(expected);
    assertThat(last.targetWeight()).isEqualTo(target);
    assertThat(last.reason()).contains("step deadline").contains("no data");
  }

  @Test
  void aCanaryWithoutTrafficNeverPasses() {
    AnalysisConfig config = config(OnInconclusive.PAUSE, RolloutFixtures.errorRate(true));
    List<Decision> decisions =
        feed(
            config, 19, i -> ratioTick(i, 1, new RatioCounts(100_000, 100), new RatioCounts(0, 0)));
    assertThat(decisions)
        .allSatisfy(
            d -> assertThat(d.verdicts().get(0).outcome()).isEqualTo(Verdict.Outcome.INCONCLUSIVE));
  }

  @Test
  void evidenceOfAnotherKindThanTheMetricIsInconclusive() {
    AnalysisConfig config = config(OnInconclusive.PAUSE, RolloutFixtures.latency(true));
    Decision d =
        judge.decide(
            config,
            JudgeState.initial(),
            ratioTick(0, 1, new RatioCounts(10, 0), new RatioCounts(10, 0)));
    assertThat(d.verdicts().get(0).outcome()).isEqualTo(Verdict.Outcome.INCONCLUSIVE);
    assertThat(d.verdicts().get(0).reason()).contains("RatioCounts").contains("histogram");
  }

  @Test
  void aNewWeightStartsANewStepThatCarriesTheEValueAndTheCapturedBand() {
    AnalysisConfig config = config(OnInconclusive.PAUSE, RolloutFixtures.errorRate(true));
    List<Decision> atOne =
        feed(
            config,
            6,
            i -> ratioTick(i, 1, new RatioCounts(297_000, 297), new RatioCounts(3000, 6)));
    JudgeState before = atOne.get(5).state();
    assertThat(before.captured()).containsKey("error-rate");
    Decision atFive =
        judge.decide(
            config,
            before,
            ratioTick(6, 5, new RatioCounts(285_000, 285), new RatioCounts(15_000, 15)));
    JudgeState after = atFive.state();
    assertThat(after.stage()).isEqualTo(1);
    assertThat(after.ticks()).isEqualTo(1);
    assertThat(after.canaryRequests()).isEqualTo(15_000);
    assertThat(after.stageStart()).isEqualTo(at(6).minus(Rollouts.INTERVAL));
    assertThat(after.captured()).isEqualTo(before.captured());
    MetricState m = after.metric("error-rate");
    double previous = before.metric("error-rate").logE();
    assertThat(m.pastLogE()).isEqualTo(previous);
    assertThat(m.canary().n()).isEqualTo(15_000);
  }

  @Test
  void aTickAtOrBelowTheFirstStepBelongsToTheFirstStep() {
    List<Integer> steps = AnalysisConfig.DEFAULT_STEPS;
    assertThat(Stages.stageOf(steps, 0)).isZero();
    assertThat(Stages.stageOf(steps, 1)).isZero();
    assertThat(Stages.stageOf(steps, 3)).isEqualTo(1);
    assertThat(Stages.stageOf(steps, 100)).isEqualTo(4);
  }

  @Test
  void whatCanRollBackIsSplitOverMetricsAndStepsWhileThePassBoundGetsTheWholeAlpha() {
    AnalysisConfig config =
        config(
            OnInconclusive.PAUSE, RolloutFixtures.errorRate(true), RolloutFixtures.latency(true));
    StepContext step = Stages.context(config, JudgeState.initial(), config.metrics().get(0), null);
    // alpha 1%, 2 metrics, 5 steps: e-process alpha / (2m), each rollback bound alpha / (2m(S+1))
    assertThat(step.logThreshold()).isCloseTo(Math.log(400), within(1e-12));
    assertThat(step.csAlpha()).isCloseTo(0.01 / 24, within(1e-15));
    // a step passes only when every metric passes: no correction over metrics on the pass side
    assertThat(step.passAlpha()).isCloseTo(0.01, within(1e-15));
  }

  @Test
  void aFailBeforeCaptureShowsTheLiveBandsLimitItsReasonCites() {
    AnalysisConfig config = config(OnInconclusive.PAUSE, RolloutFixtures.errorRate(true));
    Decision first =
        new Judge()
            .decide(
                config,
                JudgeState.initial(),
                Rollouts.restrict(
                    config,
                    ratioTick(1, 1, new RatioCounts(99_000, 99), new RatioCounts(1000, 500))));

    Verdict v = first.verdicts().get(0);
    assertThat(first.state().captured()).isEmpty();
    assertThat(v.outcome()).isEqualTo(Verdict.Outcome.FAIL);
    assertThat(v.toleranceLimit()).isFinite();
    assertThat(v.reason()).contains("over the limit " + MetricVerdicts.fmt(v.toleranceLimit()));
  }

  @Test
  void aMetricsWeightIsItsShareOfWhatCanRollBack() {
    MetricSpec errors = RolloutFixtures.errorRate(true);
    MetricSpec heavy =
        new MetricSpec(
            errors.name(),
            errors.kind(),
            errors.queries(),
            errors.direction(),
            errors.tolerance(),
            errors.critical(),
            3,
            errors.quantile());
    AnalysisConfig config = config(OnInconclusive.PAUSE, heavy, RolloutFixtures.latency(true));
    StepContext heavyStep = Stages.context(config, JudgeState.initial(), heavy, null);
    StepContext lightStep =
        Stages.context(config, JudgeState.initial(), config.metrics().get(1), null);
    // weights 3 and 1 of alpha 1%: 0.75% and 0.25%; e-process ln(2 / share), bounds share / 12
    assertThat(heavyStep.logThreshold()).isCloseTo(Math.log(2 / 0.0075), within(1e-12));
    assertThat(heavyStep.csAlpha()).isCloseTo(0.0075 / 12, within(1e-15));
    assertThat(lightStep.logThreshold()).isCloseTo(Math.log(800), within(1e-12));
    assertThat(lightStep.csAlpha()).isCloseTo(0.0025 / 12, within(1e-15));
    assertThat(lightStep.passAlpha()).isCloseTo(0.01, within(1e-15));
    // every verdict shows the e-value that fails it, with evidence or without: 2/0.75%, 2/0.25%
    TickEvidence counts = ratioTick(1, 1, new RatioCounts(1000, 1), new RatioCounts(10, 0));
    TickEvidence noLatency =
        new TickEvidence(at(1), 1, Traffic.only(counts, "error-rate"), Map.of());
    for (TickEvidence tick : List.of(counts, noLatency)) {
      assertThat(new Judge().decide(config, JudgeState.initial(), tick).verdicts())
          .extracting(Verdict::eValueThreshold)
          .satisfiesExactly(
              e -> assertThat(e).isCloseTo(266.667, within(1e-3)),
              e -> assertThat(e).isCloseTo(800, within(1e-9)));
    }
  }

  @Test
  void aGaugeWithFewTicksIsInconclusiveAndARegressionFailsOnceTheSignsAccumulate() {
    AnalysisConfig config = config(OnInconclusive.PAUSE, RolloutFixtures.cpu(true));
    List<Decision> decisions = feed(config, 20, i -> gaugeTick(i, 0.50 + 0.001 * (i % 3), 0.9));
    assertThat(decisions.get(2).verdicts().get(0).outcome())
        .isEqualTo(Verdict.Outcome.INCONCLUSIVE);
    Decision last = decisions.get(decisions.size() - 1);
    assertThat(last.kind()).isEqualTo(Decision.Kind.ROLLBACK);
    assertThat(last.verdicts().get(0).outcome()).isEqualTo(Verdict.Outcome.FAIL);
  }

  @Test
  void aHealthyGaugePassesOnceItsMedianBoundIsInsideTheBand() {
    AnalysisConfig config = config(OnInconclusive.PAUSE, RolloutFixtures.cpu(true));
    List<Decision> decisions =
        feed(config, 30, i -> gaugeTick(i, 0.5 + 0.01 * ((i * 7) % 5), 0.5 + 0.01 * ((i * 3) % 5)));
    Decision last = decisions.get(decisions.size() - 1);
    assertThat(last.kind()).isEqualTo(Decision.Kind.ADVANCE);
    assertThat(last.verdicts().get(0).upper())
        .isLessThanOrEqualTo(last.verdicts().get(0).toleranceLimit());
  }

  @Test
  void aFailingNonCriticalMetricHoldsAndRollsBackAtTheDeadlineWhateverOnInconclusiveSays() {
    AnalysisConfig config = config(OnInconclusive.ADVANCE, RolloutFixtures.cpu(false));
    List<Decision> decisions = feed(config, 20, i -> gaugeTick(i, 0.5, 0.9 + 0.001 * (i % 3)));
    assertThat(decisions.get(18).verdicts().get(0).outcome()).isEqualTo(Verdict.Outcome.FAIL);
    assertThat(decisions.subList(0, 19)).allMatch(d -> d.kind() == Decision.Kind.HOLD);
    assertThat(decisions.get(19).kind()).isEqualTo(Decision.Kind.ROLLBACK);
    assertThat(decisions.get(19).reason()).contains("metric failing").contains("cpu");
  }

  @Test
  void aRatioWhereLowerIsWorseRollsBackWhenTheCanarysRateDrops() {
    MetricSpec success =
        new MetricSpec(
            "error-rate",
            io.theseus.config.MetricKind.RATIO,
            Map.of("total", "t", "errors", "s"),
            io.theseus.config.Direction.DECREASE,
            new io.theseus.config.Tolerance(null, 0.01),
            true,
            1,
            0.99);
    AnalysisConfig config = config(OnInconclusive.PAUSE, success);
    // "errors" counts successes here: the stable succeeds 99.9%, the canary 95%.
    List<Decision> worse =
        feed(
            config,
            6,
            i -> ratioTick(i, 1, new RatioCounts(99_000, 98_901), new RatioCounts(1000, 950)));
    assertThat(worse.get(worse.size() - 1).kind()).isEqualTo(Decision.Kind.ROLLBACK);
    List<Decision> same =
        feed(
            config,
            6,
            i -> ratioTick(i, 1, new RatioCounts(99_000, 98_901), new RatioCounts(1000, 999)));
    assertThat(same).noneMatch(d -> d.kind() == Decision.Kind.ROLLBACK);
    assertThat(same.get(5).kind()).isEqualTo(Decision.Kind.ADVANCE);
  }

  private List<Decision> feed(AnalysisConfig config, int ticks, IntFunction<TickEvidence> tick) {
    JudgeState state = JudgeState.initial();
    List<Decision> decisions = new java.util.ArrayList<>();
    for (int i = 0; i < ticks; i++) {
      Decision d = judge.decide(config, state, tick.apply(i));
      decisions.add(d);
      state = d.state();
    }
    return decisions;
  }

  private static AnalysisConfig config(OnInconclusive onInconclusive, MetricSpec... metrics) {
    AnalysisConfig base = Rollouts.config(0.01, onInconclusive, metrics);
    return new AnalysisConfig(
        base.interval(),
        base.steps(),
        base.minEvidence(),
        Duration.ofMinutes(10),
        base.alpha(),
        onInconclusive,
        base.darkCanaryHeader(),
        base.hooks(),
        base.metrics());
  }

  private static Instant at(int i) {
    return Rollouts.START.plus(Rollouts.INTERVAL.multipliedBy(i + 1));
  }

  private static TickEvidence noData(int i, int weight) {
    return new TickEvidence(at(i), weight, Map.of(), Map.of("error-rate", "no data"));
  }

  private static TickEvidence ratioTick(int i, int weight, RatioCounts stable, RatioCounts canary) {
    MetricEvidence e = new MetricEvidence(stable, canary);
    return new TickEvidence(at(i), weight, Map.of("error-rate", e, "latency", e), Map.of());
  }

  private static TickEvidence gaugeTick(int i, double stable, double canary) {
    MetricEvidence e =
        new MetricEvidence(
            new GaugeValues(List.of(stable, stable)), new GaugeValues(List.of(canary, canary)));
    return new TickEvidence(at(i), 1, Map.of("cpu", e), Map.of());
  }
}
