package io.theseus.metrics.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParseErrorLocationTest {

  // Two queries in a wrapper, as the batcher joins them: "total" is line 2, "errors" lines 4-5.
  private static final String PROMQL = "w((\nsum(a)\n)) or w((\nsum(b)\n + f(é, ) \n))";
  private static final PromqlBatch BATCH =
      new PromqlBatch(
          "m",
          PROMQL,
          false,
          Instant.EPOCH,
          Instant.EPOCH,
          Duration.ofSeconds(15),
          false,
          List.of(new PromqlBatch.Part("total", 4, 10), new PromqlBatch.Part("errors", 21, 38)));

  @Test
  void aPositionInsideAQueryIsGivenInThatQuerysLinesAndCharacters() {
    // Line 5 is " + f(é, ) "; byte column 10 is the ")" (the é is two bytes, one char).
    String explained = ParseErrorLocation.explain(BATCH, "x: 5:10: parse error: unexpected \")\"");

    assertThat(explained)
        .isEqualTo(
            "queries.errors, line 2, column 9: parse error: unexpected \")\" (in: + f(é, ))");
  }

  @Test
  void aPositionInTheTextAfterAQueryNamesTheQueryBeforeIt() {
    String explained = ParseErrorLocation.explain(BATCH, "3:1: parse error: unclosed left paren");

    assertThat(explained).isEqualTo("queries.total, at its end: parse error: unclosed left paren");
  }

  @Test
  void errorsWithoutAPositionOrBeforeEveryQueryAreLeftAsTheyAre() {
    assertThat(ParseErrorLocation.explain(BATCH, "query timed out")).isEqualTo("query timed out");
    assertThat(ParseErrorLocation.explain(BATCH, "1:2: parse error: x"))
        .isEqualTo("1:2: parse error: x");
    assertThat(ParseErrorLocation.explain(BATCH, "99:1: parse error: x"))
        .isEqualTo("99:1: parse error: x");
  }

  @Test
  void aLongLineIsShownAroundTheColumn() {
    String query = "a".repeat(300) + "!" + "b".repeat(300);
    PromqlBatch batch =
        new PromqlBatch(
            "m",
            query,
            false,
            Instant.EPOCH,
            Instant.EPOCH,
            Duration.ofSeconds(15),
            false,
            List.of(new PromqlBatch.Part("total", 0, query.length())));

    String explained = ParseErrorLocation.explain(batch, "1:301: parse error: x");

    assertThat(explained)
        .isEqualTo(
            "queries.total, line 1, column 301: parse error: x (in: ..."
                + "a".repeat(80)
                + "!"
                + "b".repeat(79)
                + "...)");
  }
}
