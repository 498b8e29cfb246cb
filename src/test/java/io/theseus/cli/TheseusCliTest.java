package io.theseus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

class TheseusCliTest {

  @ParameterizedTest
  @ValueSource(strings = {"demo", "daemon", "judge", "validate", "override", "status"})
  void everySubcommandHasHelp(String command) {
    CliRun run = CliRun.of(command, "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: theseus " + command);
  }

  @Test
  void noSubcommandPrintsTheUsageAndExitsTwo() {
    CliRun run = CliRun.of();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("Usage: theseus");
  }

  /**
   * Picocli formats help text with {@code String.format}: a bare {@code %} in an annotation makes
   * it print a warning and the raw text instead, so every annotation text must be a valid format.
   */
  @ParameterizedTest
  @ValueSource(strings = {"demo", "daemon", "judge", "validate", "override", "status"})
  void everyHelpTextIsAValidFormatString(String command) {
    Class<?> type =
        new CommandLine(new TheseusCli())
            .getSubcommands()
            .get(command)
            .getCommandSpec()
            .userObject()
            .getClass();
    List<String> texts = new ArrayList<>(List.of(type.getAnnotation(Command.class).description()));
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        Option option = field.getAnnotation(Option.class);
        Parameters parameters = field.getAnnotation(Parameters.class);
        texts.addAll(option == null ? List.of() : List.of(option.description()));
        texts.addAll(parameters == null ? List.of() : List.of(parameters.description()));
      }
    }

    assertThat(texts).hasSizeGreaterThan(1);
    for (String text : texts) {
      assertThatCode(() -> String.format(Locale.ROOT, text)).as(text).doesNotThrowAnyException();
    }
  }
}
