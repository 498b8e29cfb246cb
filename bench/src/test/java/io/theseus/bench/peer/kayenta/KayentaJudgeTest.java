package io.theseus.bench.peer.kayenta;

import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.bench.Ticks;
import io.theseus.bench.run.Rollout;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KayentaJudgeTest {

  private final MetricClassifier classifier = new MetricClassifier(0.98, "increase", 1.0, 1.0);
  private final SplittableRandom noise = new SplittableRandom(1);

  @Test
  void canaryWithoutPointsIsNodata() {
    double nan = Double.NaN;
    assertThat(classifier.classify(new double[] {nan, nan}, new double[] {1, 2}, noise))
        .isEqualTo(Classification.NODATA);
  }

  @Test
  void identicalSamplesPassBeforeAnyTest() {
    assertThat(classifier.classify(new double[] {3, 1, 2}, new double[] {1, 2, 3}, noise))
        .isEqualTo(Classification.PASS);
  }

  @Test
  void clearlyHigherCanaryIsHigh() {
    double[] baseline = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    double[] canary = {21, 22, 23, 24, 25, 26, 27, 28, 29, 30};
    assertThat(classifier.classify(canary, baseline, noise)).isEqualTo(Classification.HIGH);
  }

  @Test
  void higherCanaryPassesWhenItsMeanRatioIsBelowAllowedIncrease() {
    MetricClassifier lenient = new MetricClassifier(0.98, "increase", 3.0, 1.0);
    double[] baseline = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19};
    double[] canary = {21, 22, 23, 24, 25, 26, 27, 28, 29, 30};
    assertThat(lenient.classify(canary, baseline, noise)).isEqualTo(Classification.PASS);
  }

  @Test
  void twoConstantSamplesAreJitteredAndStillCompared() {
    double[] baseline = {1, 1, 1, 1, 1, 1, 1, 1};
    double[] canary = {2, 2, 2, 2, 2, 2, 2, 2};
    assertThat(classifier.classify(canary, baseline, noise)).isEqualTo(Classification.HIGH);
  }

  @Test
  void scoreCountsPassAmongPassHighLowOnly() {
    assertThat(Scorer.score(List.of(Classification.PASS, Classification.HIGH))).isEqualTo(50);
    assertThat(Scorer.score(List.of(Classification.PASS, Classification.ERROR))).isEqualTo(100);
    assertThat(Scorer.score(List.of(Classification.HIGH, Classification.LOW))).isZero();
  }

  @Test
  void scoreIsZeroWhenHalfTheMetricsHaveNoData() {
    assertThat(Scorer.score(List.of(Classification.NODATA, Classification.PASS))).isZero();
    assertThat(
            Scorer.score(List.of(Classification.NODATA, Classification.PASS, Classification.PASS)))
        .isEqualTo(100);
  }

  @Test
  void interimScoreAtOrBelowMarginalStopsTheRunAtTheFirstJudgement() {
    KayentaRollout rollout = new KayentaRollout(KayentaSettings.defaults(), 1);
    Rollout.Action last = Rollout.Action.CONTINUE;
    int minute = 0;
    while (last == Rollout.Action.CONTINUE) {
      minute++;
      // every minute: canary error rate 5% vs stable 0.1%, latency equal
      last = rollout.observe(Ticks.minute(minute, 1000 + minute, 50 + minute, 0));
    }
    assertThat(last).isEqualTo(Rollout.Action.ROLLBACK);
    assertThat(minute).isEqualTo(5);
  }

  @Test
  void healthyCanaryIsPromotedAtTheEndOfItsLifetime() {
    KayentaRollout rollout = new KayentaRollout(KayentaSettings.defaults(), 1);
    Rollout.Action last = Rollout.Action.CONTINUE;
    int minute = 0;
    while (last == Rollout.Action.CONTINUE) {
      minute++;
      last = rollout.observe(Ticks.minute(minute, 1000, minute % 2, 0));
    }
    assertThat(last).isEqualTo(Rollout.Action.PROMOTE);
    assertThat(minute).isEqualTo(30);
  }
}
