package io.theseus.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.theseus.config.Tolerance;
import org.junit.jupiter.api.Test;

class ToleranceSlackTest {

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
