package io.theseus.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SplitTestTest {

  static Stream<JsonNode> cases() {
    JsonNode cases = TestVectors.json("universal-inference-2xk.json").get("cases");
    return StreamSupport.stream(cases.spliterator(), false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void twoSidedEValueMatchesTheIndependentScipyValue(JsonNode c) {
    double logE =
        SplitTest.logETwoSided(
            TestVectors.longs(c.get("canary_counts")),
            TestVectors.longs(c.get("stable_counts")),
            new BetaPrior(c.get("a0").asDouble(), c.get("b0").asDouble()));
    assertThat(logE).isCloseTo(c.get("log_e").asDouble(), within(1e-9));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void directionalEValueNeverExceedsTheTwoSidedOne(JsonNode c) {
    BetaPrior prior = new BetaPrior(c.get("a0").asDouble(), c.get("b0").asDouble());
    long[] canary = TestVectors.longs(c.get("canary_counts"));
    long[] stable = TestVectors.longs(c.get("stable_counts"));
    assertThat(SplitTest.logE(canary, stable, prior))
        .isLessThanOrEqualTo(SplitTest.logETwoSided(canary, stable, prior) + 1e-12);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void directionalEValueEqualsTheTwoSidedOneWhenTheCanaryShareRisesTowardsWorseCells(JsonNode c) {
    BetaPrior prior = new BetaPrior(c.get("a0").asDouble(), c.get("b0").asDouble());
    // Order cells so the canary's share increases, then the antitonic fit pools everything.
    long[] canary = TestVectors.longs(c.get("canary_counts"));
    long[] stable = TestVectors.longs(c.get("stable_counts"));
    Integer[] order =
        java.util.stream.IntStream.range(0, canary.length)
            .boxed()
            .sorted(java.util.Comparator.comparingDouble(k -> share(canary[k], stable[k])))
            .toArray(Integer[]::new);
    long[] c2 = java.util.Arrays.stream(order).mapToLong(k -> canary[k]).toArray();
    long[] s2 = java.util.Arrays.stream(order).mapToLong(k -> stable[k]).toArray();
    assertThat(SplitTest.logE(c2, s2, prior)).isCloseTo(c.get("log_e").asDouble(), within(1e-9));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void directionalEValueIsAtMostOneWhenTheCanaryShareFallsTowardsWorseCells(JsonNode c) {
    BetaPrior prior = new BetaPrior(c.get("a0").asDouble(), c.get("b0").asDouble());
    long[] canary = TestVectors.longs(c.get("canary_counts"));
    long[] stable = TestVectors.longs(c.get("stable_counts"));
    Integer[] order =
        java.util.stream.IntStream.range(0, canary.length)
            .boxed()
            .sorted(java.util.Comparator.comparingDouble(k -> -share(canary[k], stable[k])))
            .toArray(Integer[]::new);
    long[] c2 = java.util.Arrays.stream(order).mapToLong(k -> canary[k]).toArray();
    long[] s2 = java.util.Arrays.stream(order).mapToLong(k -> stable[k]).toArray();
    assertThat(SplitTest.logE(c2, s2, prior)).isLessThanOrEqualTo(0);
  }

  private static double share(long canary, long stable) {
    return canary + stable == 0 ? 0 : (double) canary / (canary + stable);
  }
}
