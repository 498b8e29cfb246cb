package io.theseus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JudgeCommandTest {

  private record Result(int exit, List<String> lines, String err) {}

  @Test
  void healthyEvidenceThroughEveryStepIsPromotedWithExitZero() throws Exception {
    Result r = judge("promote.json");
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    JsonNode last = json(r.lines().get(r.lines().size() - 1));
    assertThat(last.get("decision").asText()).isEqualTo("PROMOTE");
    assertThat(last.get("weight").asInt()).isEqualTo(100);
    assertThat(r.lines())
        .allSatisfy(
            line ->
                assertThat(json(line).get("decision").asText()).isIn("HOLD", "ADVANCE", "PROMOTE"));
  }

  @Test
  void theEvidenceExampleInTheJudgeDocsReplaysAgainstTheShippedDefaultConfig() throws Exception {
    String doc = java.nio.file.Files.readString(Path.of("docs/judge.md"));
    int from = doc.indexOf("```json", doc.indexOf("Evidence file (the DESIGN.md")) + 7;
    Path evidence = java.nio.file.Files.createTempFile("judge-doc", ".json");
    java.nio.file.Files.writeString(evidence, doc.substring(from, doc.indexOf("```", from)));

    Result r = run("--analysis", "analysis-config/default.yaml", "--evidence", evidence.toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(4);
    assertThat(r.lines()).hasSize(2);
    assertThat(json(r.lines().get(1)).get("verdicts").get(1).get("reason").asText())
        .contains("Prometheus answered no series");
  }

  @Test
  void aTickBeyondTheStepTheJudgeAllowsIsBadInput() throws Exception {
    String tick =
        "{\"time\": \"2026-01-01T10:%sZ\", \"weight\": %d, \"metrics\": {\"error-rate\":"
            + " {\"stable\": {\"total\": 9900, \"errors\": 9}, \"canary\": {\"total\": 100,"
            + " \"errors\": 0}}}}";
    Path evidence = java.nio.file.Files.createTempFile("skip", ".json");
    java.nio.file.Files.writeString(
        evidence,
        "{\"ticks\": ["
            + String.format(tick, "00:30", 1)
            + ", "
            + String.format(tick, "01:00", 100)
            + "]}");

    Result r =
        run("--analysis", fixture("analysis.yaml").toString(), "--evidence", evidence.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.lines()).hasSize(1);
    assertThat(r.err())
        .contains("ticks[1].weight: 100 skips steps the judge has not passed")
        .contains("allows at most 1");
  }

  @Test
  void everyLineCarriesTheDecisionAndAFullVerdictPerMetric() throws Exception {
    JsonNode first = json(judge("promote.json").lines().get(0));
    assertThat(first.get("tick").asInt()).isZero();
    assertThat(first.get("time").asText()).isEqualTo("2026-01-01T10:00:30Z");
    assertThat(first.get("verdicts")).hasSize(2);
    JsonNode errors = first.get("verdicts").get(0);
    assertThat(errors.get("metric").asText()).isEqualTo("error-rate");
    assertThat(errors.get("verdict").asText()).isEqualTo("INCONCLUSIVE");
    assertThat(errors.get("n").get("canary").asLong()).isEqualTo(3000);
    assertThat(errors.get("n").get("stable").asLong()).isEqualTo(297000);
    assertThat(errors.get("canary").asDouble()).isEqualTo(0.001);
    for (String field :
        List.of(
            "reason",
            "statistic",
            "eValue",
            "logE",
            "lower",
            "upper",
            "stable",
            "toleranceLimit")) {
      assertThat(errors.has(field)).as(field).isTrue();
    }
  }

  @ParameterizedTest
  @CsvSource({"rollback-errors.json, error-rate", "rollback-latency.json, latency"})
  void aRegressingCanaryIsRolledBackWithExitThree(String file, String metric) throws Exception {
    Result r = judge(file);
    assertThat(r.exit()).as(r.err()).isEqualTo(3);
    JsonNode last = json(r.lines().get(r.lines().size() - 1));
    assertThat(last.get("decision").asText()).isEqualTo("ROLLBACK");
    assertThat(last.get("targetWeight").asInt()).isZero();
    assertThat(last.get("reason").asText()).contains(metric);
  }

  @Test
  void evidenceEndingBeforeAVerdictExitsFourHolding() throws Exception {
    Result r = judge("holding.json");
    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.lines()).hasSize(2);
    assertThat(json(r.lines().get(1)).get("decision").asText()).isEqualTo("HOLD");
  }

  @Test
  void noDataHoldsInconclusiveThenRollsBackAtTheStepDeadline() throws Exception {
    Result r = judge("no-data-deadline.json");
    assertThat(r.exit()).isEqualTo(3);
    JsonNode first = json(r.lines().get(0));
    assertThat(first.get("decision").asText()).isEqualTo("HOLD");
    assertThat(first.get("verdicts").get(0).get("verdict").asText()).isEqualTo("INCONCLUSIVE");
    assertThat(first.get("verdicts").get(0).get("reason").asText()).contains("no data");
    JsonNode last = json(r.lines().get(r.lines().size() - 1));
    assertThat(last.get("reason").asText()).contains("step deadline").contains("onInconclusive");
    // The deadline is 5 min: the step started 30 s before the first tick, so the 10th tick ends it.
    assertThat(r.lines()).hasSize(10);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "bad-missing-tick.json         | ticks[1].time: tick missing",
        "bad-negative-count.json       | ticks[1].metrics.error-rate.canary.total: -5 is negative",
        "bad-non-monotone-buckets.json | ticks[1].metrics.latency.canary.buckets.50: 90 is below 91 at le=25",
        "bad-errors-above-total.json   | ticks[1].metrics.error-rate.canary.errors: 101 exceeds",
        "bad-unknown-metric.json       | ticks[1].metrics.saturation: unknown metric",
        "bad-nan-string.json           | ticks[1].metrics.error-rate.stable.errors: string \"NaN\"",
        "bad-no-inf-bucket.json        | ticks[1].metrics.latency.canary.buckets: has no \"+Inf\"",
        "bad-malformed.json            | bad-malformed.json:3:",
        "bad-no-ticks.json             | ticks: must be a non-empty array",
        "bad-trailing-garbage.json     | bad-trailing-garbage.json:45:1: malformed JSON",
        "bad-unknown-root-key.json     | (root).tick: unknown",
        "bad-count-above-2-50.json     | ticks[1].metrics.error-rate.stable.total: 5000000000000000000 is above 2^50",
        "bad-infinite-le.json          | ticks[1].metrics.latency.canary.buckets.1e400: bucket bound \"1e400\" is beyond a double",
        "bad-metric-and-missing.json   | ticks[1].missing.latency: the metric has data in this tick's metrics too"
      })
  void badEvidenceExitsTwoNamingTheTickAndField(String file, String expected) throws Exception {
    Result r = judge(file);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.lines()).isEmpty();
    assertThat(r.err()).contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void anInvalidAnalysisConfigExitsTwoWithItsProblem() throws Exception {
    Result r =
        run(
            "--analysis",
            fixture("promote.json").toString(),
            "--evidence",
            fixture("promote.json").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("promote.json").doesNotContain("\tat ");
  }

  private static Result judge(String evidence) throws URISyntaxException {
    return run(
        "--analysis",
        fixture("analysis.yaml").toString(),
        "--evidence",
        fixture(evidence).toString());
  }

  private static Result run(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "judge";
    System.arraycopy(args, 0, all, 1, args.length);
    CliRun run = CliRun.of(all);
    List<String> lines = run.out().isBlank() ? List.of() : run.out().lines().toList();
    return new Result(run.exitCode(), lines, run.err());
  }

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(JudgeCommandTest.class.getResource("/judge/cli/" + name).toURI());
  }

  private static JsonNode json(String line) {
    try {
      return new ObjectMapper().readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
