package io.theseus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TheseusHomeTest {

  @TempDir Path home;

  @Test
  void findsAShippedFileUnderTheHomeWhenTheWorkingDirectoryLacksIt() throws IOException {
    Path shipped = Files.createDirectories(home.resolve("elsewhere-configs")).resolve("x.yaml");
    Files.writeString(shipped, "alpha: 0.01\n");

    Path found =
        TheseusHome.resolve(
            Path.of("elsewhere-configs/x.yaml"), Map.of(TheseusHome.ENV, home.toString()));

    assertThat(found).isEqualTo(shipped);
  }

  @Test
  void keepsAPathThatExistsHereOrIsAbsoluteOrMissingEverywhere() {
    Map<String, String> env = Map.of(TheseusHome.ENV, home.toString());

    assertThat(TheseusHome.resolve(Path.of("pom.xml"), env)).isEqualTo(Path.of("pom.xml"));
    assertThat(TheseusHome.resolve(home.resolve("a.yaml"), env)).isEqualTo(home.resolve("a.yaml"));
    assertThat(TheseusHome.resolve(Path.of("nowhere.yaml"), env))
        .isEqualTo(Path.of("nowhere.yaml"));
    assertThat(TheseusHome.resolve(Path.of("nowhere.yaml"), Map.of()))
        .isEqualTo(Path.of("nowhere.yaml"));
  }
}
