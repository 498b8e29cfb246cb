package io.theseus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.config.AnalysisConfig;
import io.theseus.rollout.RolloutPhase;
import io.theseus.rollout.RolloutStatus;
import io.theseus.yaml.AnalysisConfigFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoCommandTest {

  private static final Path DEFAULT = Path.of("analysis-config/default.yaml");

  private static String stderrOf(String... args) {
    StringWriter err = new StringWriter();
    int code =
        TheseusCli.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
    assertThat(code).isEqualTo(TheseusCli.EXIT_USAGE);
    return err.toString();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--scenario=bogus | --scenario: unknown 'bogus' (allowed: healthy, latency-regression, error-spike, all)",
        "--rps=0 | --rps: 0 is out of range (allowed: 1-5000)",
        "--api-port=70000 | --api-port: 70000 is out of range (allowed: 0-65535)",
        "--token-file=/nonexistent/token | --token-file: /nonexistent/token is not a readable file",
        "--analysis=/nonexistent.yaml | /nonexistent.yaml"
      })
  void badInputExitsTwoNamingTheOptionWithoutAStackTrace(String arg, String message) {
    String err = stderrOf("demo", arg);
    assertThat(err).startsWith("theseus demo: ").contains(message).doesNotContain("\tat ");
  }

  @Test
  void theDemoStartsAtTenPercentAndFastCutsOnlyTheInterval() {
    AnalysisConfig config = AnalysisConfigFiles.load(DEFAULT);
    DemoOptions slow = new DemoOptions(List.of("healthy"), 200, 0, false, DEFAULT, Path.of("."));
    DemoOptions fast = new DemoOptions(List.of("healthy"), 200, 0, true, DEFAULT, Path.of("."));
    assertThat(slow.tune(config).steps()).containsExactly(10, 25, 50, 100);
    assertThat(slow.tune(config).interval()).isEqualTo(config.interval());
    assertThat(fast.tune(config).interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(fast.tune(config).metrics()).isEqualTo(config.metrics());
    assertThat(fast.tune(config).minEvidence()).isEqualTo(config.minEvidence());
  }

  @Test
  void summaryTableSaysWhetherEachScenarioEndedAsExpected() {
    Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
    RolloutStatus promoted =
        RolloutStatus.created(t0).enter(RolloutPhase.SUCCEEDED, t0.plusSeconds(112), "promoted v2");
    RolloutStatus rolledBack =
        RolloutStatus.created(t0)
            .enter(RolloutPhase.ROLLED_BACK, t0.plusSeconds(31), "error-rate FAIL");
    List<DemoOutcome> outcomes =
        List.of(
            new DemoOutcome("healthy", promoted, Duration.ofSeconds(112)),
            new DemoOutcome("error-spike", promoted, Duration.ofSeconds(31)),
            new DemoOutcome("latency-regression", rolledBack, Duration.ofSeconds(70)));
    assertThat(DemoOutcome.table(outcomes).lines())
        .containsExactly(
            "SCENARIO             OUTCOME      EXPECTED     TIME    CANARY  WHY",
            "healthy              Succeeded    yes          1:52         0  promoted v2",
            "error-spike          Succeeded    NO           0:31         0  promoted v2",
            "latency-regression   RolledBack   yes          1:10         0  error-rate FAIL");
  }
}
