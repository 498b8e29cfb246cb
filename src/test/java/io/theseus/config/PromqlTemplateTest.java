package io.theseus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromqlTemplateTest {

  private static final Duration WINDOW = Duration.ofSeconds(30);

  @Test
  void rendersVariablesAndTheWindow() {
    PromqlTemplate t =
        PromqlTemplate.parse(
            "sum(increase(x{ns=\"{{namespace}}\",svc=\"{{service}}\",w='{{ workload }}'}[{{window}}]))");

    String q =
        t.render(Map.of("namespace", "shop", "service", "cart", "workload", "cart-v2"), WINDOW);

    assertThat(q).isEqualTo("sum(increase(x{ns=\"shop\",svc=\"cart\",w='cart-v2'}[30s]))");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "a\"b | a\\\"b",
        "a\\b | a\\\\b",
        "\"} or vector(1) # | \\\"} or vector(1) #",
        "x\\\"} | x\\\\\\\"}",
        "it's | it's"
      })
  void escapesQuotesAndBackslashesInsideDoubleQuotes(String value, String escaped) {
    String q =
        PromqlTemplate.parse("x{s=\"{{service}}\"}").render(Map.of("service", value), WINDOW);

    assertThat(q).isEqualTo("x{s=\"" + escaped + "\"}");
  }

  @Test
  void escapesNewlinesTabsAndControlCharacters() {
    String q =
        PromqlTemplate.parse("x{s=\"{{service}}\"}")
            .render(Map.of("service", "a\nb\rc\td\u0001"), WINDOW);

    assertThat(q).isEqualTo("x{s=\"a\\nb\\rc\\td\\x01\"}");
  }

  @Test
  void escapesTheSingleQuoteInsideSingleQuotes() {
    String q =
        PromqlTemplate.parse("x{s='{{service}}'}").render(Map.of("service", "it's\""), WINDOW);

    assertThat(q).isEqualTo("x{s='it\\'s\"'}");
  }

  @Test
  void anEscapedQuoteInTheTemplateDoesNotEndItsString() {
    String q =
        PromqlTemplate.parse("x{s=\"a\\\"{{service}}\"}").render(Map.of("service", "b"), WINDOW);

    assertThat(q).isEqualTo("x{s=\"a\\\"b\"}");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "x{s={{service}}} | {{service}} must stand inside a \"...\" or '...' label value",
        "x{s=`{{service}}`} | {{service}} must stand inside",
        "x{s=\"{{window}}\"} | {{window}} must stand outside quotes",
        "x{s=\"{{pod}}\"} | unknown variable {{pod}}",
        "x{s=\"{{service\"} | unclosed {{ at character 6"
      })
  void rejectsVariablesOutOfPlaceNamingThem(String template, String message) {
    assertThatThrownBy(() -> PromqlTemplate.parse(template))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void quotesRegexMetacharactersInRegexMatchersOnly() {
    PromqlTemplate t =
        PromqlTemplate.parse("x{pod=~ \"{{workload}}-.*\", w!~'{{workload}}', s=\"{{workload}}\"}");

    String q = t.render(Map.of("workload", "a.b(c)|d\\"), WINDOW);

    assertThat(q)
        .isEqualTo(
            "x{pod=~ \"a\\\\.b\\\\(c\\\\)\\\\|d\\\\\\\\-.*\", "
                + "w!~'a\\\\.b\\\\(c\\\\)\\\\|d\\\\\\\\', s=\"a.b(c)|d\\\\\"}");
  }

  @Test
  void aMissingValueNamesTheVariable() {
    PromqlTemplate t = PromqlTemplate.parse("x{w=\"{{workload}}\"}");

    assertThatThrownBy(() -> t.render(Map.of(), WINDOW)).hasMessage("no value for {{workload}}");
  }

  @ParameterizedTest
  @CsvSource({"PT30S, 30s", "PT2M, 120s", "PT1.5S, 1500ms", "PT0.25S, 250ms"})
  void writesDurationsInPromqlSyntax(Duration d, String promql) {
    assertThat(PromqlTemplate.duration(d)).isEqualTo(promql);
  }

  @Test
  void knowsWhetherItUsesTheWindow() {
    assertThat(PromqlTemplate.parse("rate(x[{{window}}])").usesWindow()).isTrue();
    assertThat(PromqlTemplate.parse("x{a=\"{{service}}\"}").usesWindow()).isFalse();
  }
}
