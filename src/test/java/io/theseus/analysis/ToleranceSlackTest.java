package io.theseus.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.theseus.config.Direction;
import io.theseus.config.Tolerance;
import io.theseus.stats.Interval;
import org.junit.jupiter.api.Test;

class ToleranceSlackTest {

  @Test
  void anAbsoluteErrorRateAllowanceBecomesTheOddsRatioOfTheLimitOverTheStableRate() {
    // 0.1% stable, 0.2 points allowed: a canary at 0.3% has odds (0.003/0.997)/(0.001/0.999).
    double slack =
        ToleranceSlack.ratio(
            new Tolerance(0.5, 0.002), Direction.INCREASE, new Interval(0.001, 0.001));
    assertThat(Math.exp(slack)).isCloseTo(0.003 / 0.997 / (0.001 / 0.999), within(1e-9));
  }

  @Test
  void overAnIntervalTheLowEndDecidesTheAbsoluteAllowanceAndTheHighEndTheRelativeOne() {
    Tolerance both = new Tolerance(0.5, 0.002);
    double absolute = ToleranceSlack.ratio(both, Direction.INCREASE, new Interval(0.0008, 0.0012));
    assertThat(Math.exp(absolute)).isCloseTo(0.0028 / 0.9972 / (0.0008 / 0.9992), within(1e-9));
    double relative =
        ToleranceSlack.ratio(new Tolerance(0.5, null), Direction.INCREASE, new Interval(0.1, 0.2));
    assertThat(Math.exp(relative)).isCloseTo(0.3 / 0.7 / (0.2 / 0.8), within(1e-9));
  }

  @Test
  void whereLowerIsWorseTheSlackIsOnTheOddsOfTheComplement() {
    // Success rate 99.9%, 1 point allowed: failures may rise from 0.1% to 1.1%.
    double slack =
        ToleranceSlack.ratio(
            new Tolerance(null, 0.01), Direction.DECREASE, new Interval(0.999, 0.999));
    assertThat(Math.exp(slack)).isCloseTo(0.011 / 0.989 / (0.001 / 0.999), within(1e-6));
  }

  @Test
  void aStableRateOfZeroLeavesAnAbsoluteAllowanceNoOddsLimit() {
    double slack =
        ToleranceSlack.ratio(new Tolerance(null, 0.002), Direction.INCREASE, new Interval(0, 0.01));
    assertThat(slack).isGreaterThan(Math.log(1e5));
  }

  @Test
  void aHistogramSlackIsTheToleranceWidthRelativeToTheStableFigure() {
    Tolerance tolerance = new Tolerance(0.2, 10.0);
    assertThat(ToleranceSlack.histogramWidth(tolerance, 216)).isCloseTo(0.2, within(1e-12));
    assertThat(ToleranceSlack.histogramWidth(tolerance, 40)).isCloseTo(0.25, within(1e-12));
    assertThat(ToleranceSlack.histogramWidth(new Tolerance(null, 10.0), Double.NaN)).isZero();
  }

  @Test
  void aHistogramSlackScalesTheWidthByTheStablesTailIndexBetweenOneAndTwo() {
    Tolerance tolerance = new Tolerance(0.2, 10.0);
    double ln12 = Math.log(1.2);
    assertThat(ToleranceSlack.histogram(tolerance, 216, Double.NaN)).isCloseTo(ln12, within(1e-12));
    assertThat(ToleranceSlack.histogram(tolerance, 216, 0.5)).isCloseTo(ln12, within(1e-12));
    assertThat(ToleranceSlack.histogram(tolerance, 216, 1.5)).isCloseTo(1.5 * ln12, within(1e-12));
    assertThat(ToleranceSlack.histogram(tolerance, 216, 4.4)).isCloseTo(2 * ln12, within(1e-12));
  }
}
