package io.theseus.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MannWhitneyTest {

  static Stream<JsonNode> cases() {
    JsonNode cases = TestVectors.json("mann-whitney-binned.json").get("cases");
    return StreamSupport.stream(cases.spliterator(), false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesScipyWithTieAndContinuityCorrection(JsonNode c) {
    MannWhitney.Result r =
        MannWhitney.binned(
            TestVectors.longs(c.get("canary_counts")), TestVectors.longs(c.get("stable_counts")));
    assertThat(r.u()).isEqualTo(c.get("U_canary").asDouble());
    assertThat(r.auc()).isCloseTo(c.get("auc").asDouble(), within(1e-12));
    assertThat(r.pTwoSided()).isCloseTo(c.get("p_two_sided").asDouble(), within(1e-9));
    assertThat(r.pCanaryGreater()).isCloseTo(c.get("p_canary_greater").asDouble(), within(1e-9));
  }

  @Test
  void reportsNoEvidenceWhenEveryRequestShareOneBucket() {
    MannWhitney.Result r = MannWhitney.binned(new long[] {0, 5, 0}, new long[] {0, 50, 0});
    assertThat(r.pTwoSided()).isEqualTo(1);
    assertThat(r.auc()).isEqualTo(0.5);
  }
}
