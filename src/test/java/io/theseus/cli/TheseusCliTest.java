package io.theseus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TheseusCliTest {

  @ParameterizedTest
  @ValueSource(strings = {"demo", "daemon", "judge", "validate", "override", "status"})
  void everySubcommandHasHelp(String command) {
    CliRun run = CliRun.of(command, "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: theseus " + command);
  }
}
