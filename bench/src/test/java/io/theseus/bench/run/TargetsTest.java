package io.theseus.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.bench.sim.Scenario;
import io.theseus.bench.sim.TrafficModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTest {

  private static final TrafficModel MODEL = TrafficModel.standard();
  private static final String ROW = "median rollback >= 2x faster than best tuned peer (err-0.5)";

  @Test
  void aSpeedTargetIsMatchedWhenTheSubjectFalseRollsBackNoMoreThanThePeerOnTheSameSeeds() {
    // 103 / 10000 = 1.03% is above alpha but below the tuned peer's 2.03%
    String row = speedRow(103, 203);
    assertThat(row)
        .startsWith("met: theseus 3 min vs best tuned peer kayenta-tuned 10 min")
        .contains("theseus 1.03%, kayenta-tuned 2.03%")
        .doesNotContain("not at a matched rate");
  }

  @Test
  void aSpeedTargetIsNotMetWhenTheSubjectFalseRollsBackMoreThanAlphaAndThePeer() {
    assertThat(speedRow(203, 103))
        .startsWith("NOT met")
        .endsWith("(not at a matched rate: above both alpha 1.00% and kayenta-tuned's rate)");
  }

  @Test
  void theLatencyShiftRowGivesThePodOracleLimit() {
    Map<String, List<Cell>> results =
        Map.of(
            "aa", List.of(cell("theseus", 50, 1), cell("kayenta-tuned", 100, 1)),
            "latency-10", List.of(cell("theseus", 0, 1), cell("kayenta-tuned", 0, 1)));
    String row =
        new Targets("theseus", 0.01, MODEL, results)
            .evaluate(scenarios("aa", "latency-10"))
            .get("median rollback >= 2x faster than best tuned peer (latency-10)");
    assertThat(row)
        .contains("at most 54.77% at theseus's A/A rate of 0.50%, 64.41% at alpha 1.00%");
  }

  private static String speedRow(int subjectFalse, int peerFalse) {
    Map<String, List<Cell>> results =
        Map.of(
            "aa",
            List.of(cell("theseus", subjectFalse, 1), cell("kayenta-tuned", peerFalse, 1)),
            "err-0.5",
            List.of(cell("theseus", 10_000, 3), cell("kayenta-tuned", 10_000, 10)));
    return new Targets("theseus", 0.01, MODEL, results)
        .evaluate(scenarios("aa", "err-0.5"))
        .get(ROW);
  }

  private static List<Scenario> scenarios(String... names) {
    return Scenario.all(MODEL).stream().filter(s -> List.of(names).contains(s.name())).toList();
  }

  private static Cell cell(String judge, int rollbacks, double minutes) {
    return TestCells.of(judge, rollbacks, 10_000, minutes);
  }
}
