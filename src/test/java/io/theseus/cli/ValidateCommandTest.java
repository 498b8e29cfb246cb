package io.theseus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  @TempDir Path dir;

  @Test
  void exitsZeroWhenEveryFileIsValid() {
    CliRun run =
        CliRun.of(
            "validate",
            "analysis-config/default.yaml",
            "analysis-config/grpc.yaml",
            "analysis-config/resources.yaml");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("3 file(s) valid");
  }

  @Test
  void printsOneLinePerProblemAndExitsOne() throws IOException {
    Path bad =
        Files.writeString(dir.resolve("bad.yaml"), "alpha: 0.9\nsteps: [5, 1]\nmetrics: []\n");

    CliRun run = CliRun.of("validate", "analysis-config/default.yaml", bad.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out().lines())
        .containsExactly(
            bad + ":1:8: alpha: is 0.9 (allowed: a number in (0, 0.5))",
            bad + ":2:8: steps: must end with 100 (promotion sends all traffic to the canary)",
            bad + ":2:12: steps[1]: is 1 after 5 (allowed: strictly increasing weights)",
            bad + ":3:10: metrics: must be a non-empty list");
    assertThat(run.err()).contains("4 problem(s) in 2 file(s)").doesNotContain("Exception");
  }

  @Test
  void neverPrintsAStackTraceForJunk() throws IOException {
    Path junk = Files.write(dir.resolve("junk.bin"), new byte[] {0, (byte) 0xff, 0x13, 0x37});

    CliRun run = CliRun.of("validate", junk.toString(), dir.resolve("missing.yaml").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out().lines()).hasSize(2);
    assertThat(run.out() + run.err()).doesNotContain("\tat ").doesNotContain("Exception:");
  }

  @Test
  void exitsTwoWithoutFiles() {
    CliRun run = CliRun.of("validate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter");
  }
}
