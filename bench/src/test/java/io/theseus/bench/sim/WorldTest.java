package io.theseus.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.theseus.bench.run.PodOracle;
import java.util.Arrays;
import java.util.stream.DoubleStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class WorldTest {

  /**
   * The pod oracle's assumption, on the benchmark's own seeds: thresholding the mean of each
   * world's canary pod effects at the 99th percentile of healthy worlds rolls back the oracle's
   * share of worlds whose canary is shifted by ln 1.1.
   */
  @Test
  void theCanaryPodEffectsOfTheSeedsAreWhatThePodOracleAssumes() {
    TrafficModel model = TrafficModel.standard();
    int seeds = 20_000;
    double[] healthy =
        LongStream.range(0, seeds)
            .mapToDouble(seed -> mean(new World(model, seed, 0).canaryPodEffects))
            .sorted()
            .toArray();
    double threshold = healthy[(int) (0.99 * seeds)];
    double caught =
        Arrays.stream(healthy).filter(x -> x + Math.log(1.1) > threshold).count() / (double) seeds;
    double oracle = PodOracle.power(1.1, model.podSigma(), model.canaryPods(), 0.01);
    assertThat(oracle).isCloseTo(0.644, within(0.001));
    assertThat(caught).isCloseTo(oracle, within(0.015));
  }

  private static double mean(double[] effects) {
    return DoubleStream.of(effects).average().orElseThrow();
  }
}
