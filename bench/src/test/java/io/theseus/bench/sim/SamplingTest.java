package io.theseus.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SamplingTest {

  /** 20 000 draws: the sample mean is within 5 standard errors, the variance within 5%. */
  @ParameterizedTest
  @CsvSource({"600, 0.001", "600, 0.01", "60000, 0.3", "60000, 0.9", "40, 0.5"})
  void binomialDrawsHaveTheBinomialMeanAndVariance(long n, double p) {
    SplittableRandom rnd = new SplittableRandom(42);
    int draws = 20_000;
    long[] x = LongStream.range(0, draws).map(i -> Sampling.binomial(rnd, n, p)).toArray();
    double mean = LongStream.of(x).average().orElseThrow();
    double var = LongStream.of(x).mapToDouble(v -> (v - mean) * (v - mean)).sum() / (draws - 1);
    double expectedVar = n * p * (1 - p);
    assertThat(mean).isCloseTo(n * p, within(5 * Math.sqrt(expectedVar / draws)));
    assertThat(var).isCloseTo(expectedVar, within(0.05 * expectedVar + 0.01));
  }

  @Test
  void multinomialCountsAddUpAndFollowTheProbabilities() {
    SplittableRandom rnd = new SplittableRandom(7);
    long[] sum = new long[4];
    for (int i = 0; i < 1000; i++) {
      long[] counts = Sampling.multinomial(rnd, 10_000, new double[] {0.5, 0.0, 0.3, 0.2});
      assertThat(LongStream.of(counts).sum()).isEqualTo(10_000);
      for (int k = 0; k < 4; k++) {
        sum[k] += counts[k];
      }
    }
    assertThat(sum[1]).isZero();
    assertThat(sum[2] / 1e7).isCloseTo(0.3, within(0.001));
  }
}
