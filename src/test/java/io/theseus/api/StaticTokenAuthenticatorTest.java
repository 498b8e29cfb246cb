package io.theseus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.theseus.rollout.CanaryRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StaticTokenAuthenticatorTest {

  private final StaticTokenAuthenticator auth =
      new StaticTokenAuthenticator("correct-horse-battery", Set.of());

  @Test
  void acceptsTheTokenAsTheStaticTokenCaller() {
    assertThat(auth.authenticate("correct-horse-battery").result())
        .contains(new Caller("static-token"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "c",
        "correct-horse-batter",
        "correct-horse-battery ",
        "correct-horse-battery-staple",
        "Correct-horse-battery",
        "correct-horse-batterz"
      })
  void rejectsEveryOtherTokenWhateverItsLength(String presented) {
    assertThat(auth.matches(presented)).isFalse();
    assertThat(auth.authenticate(presented).result()).isEmpty();
  }

  @Test
  void comparesFixedLengthDigestsSoTheLengthOfTheGuessNeverShortCutsTheComparison() {
    // MessageDigest.isEqual exits early only on a length mismatch: both sides must always be 32
    // bytes, whatever was presented, or a guess's length would show in the timing.
    for (String presented : new String[] {"", "x", "correct-horse-battery", "y".repeat(10_000)}) {
      assertThat(StaticTokenAuthenticator.digest(presented)).hasSize(32);
    }
    assertThat(auth.matches(null)).isFalse();
  }

  @Test
  void mayOverrideEveryNamespaceOrOnlyTheScopedOnes() {
    Caller caller = new Caller("static-token");
    CanaryRef demo = new CanaryRef("demo", "shop");
    assertThat(auth.mayOverride(caller, demo).result()).isTrue();
    StaticTokenAuthenticator scoped = new StaticTokenAuthenticator("t", Set.of("prod"));
    assertThat(scoped.mayOverride(caller, demo).result()).isFalse();
    assertThat(scoped.mayOverride(caller, new CanaryRef("prod", "shop")).result()).isTrue();
    assertThat(auth.mayOverride(new Caller("someone-else"), demo).result()).isFalse();
  }

  @Test
  void readsTheTokenFromTheFirstLineOfTheFileAndNamesAnEmptyFile(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "  abc123  \nignored\n");
    assertThat(StaticTokenAuthenticator.fromFile(file).matches("abc123")).isTrue();
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertThatThrownBy(() -> StaticTokenAuthenticator.fromFile(empty))
        .hasMessage("--token-file: " + empty + " holds no token");
    assertThatThrownBy(() -> StaticTokenAuthenticator.fromFile(dir.resolve("none")))
        .hasMessageStartingWith("--token-file: " + dir.resolve("none") + " cannot be read");
  }

  @Test
  void generatesDistinctUrlSafeTokensOf256Bits() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String token = StaticTokenAuthenticator.randomToken();
      assertThat(token).matches("[A-Za-z0-9_-]{43}");
      seen.add(token);
    }
    assertThat(seen).hasSize(100);
  }
}
