package io.theseus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.theseus.yaml.AnalysisConfigFiles;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnalysisConfigReaderTest {

  private static final String METRIC =
      """
      metrics:
        - name: error-rate
          kind: ratio
          tolerance: {absolute: 0.002}
          queries:
            total: sum(increase(requests{workload="{{workload}}"}[{{window}}]))
            errors: sum(increase(errors{workload="{{workload}}"}[{{window}}]))
      """;

  @Test
  void appliesDefaultsToAMinimalConfig() {
    AnalysisConfig config = AnalysisConfigFiles.parse("min.yaml", METRIC);

    assertThat(config.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.steps()).containsExactly(1, 5, 25, 50, 100);
    assertThat(config.alpha()).isEqualTo(0.01);
    assertThat(config.onInconclusive()).isEqualTo(OnInconclusive.ROLLBACK);
    assertThat(config.darkCanaryHeader()).isEqualTo("x-theseus-canary");
    assertThat(config.minEvidence()).isEqualTo(new MinEvidence(200, 2));
    MetricSpec metric = config.metric("error-rate").orElseThrow();
    assertThat(metric.kind()).isEqualTo(MetricKind.RATIO);
    assertThat(metric.critical()).isTrue();
    assertThat(metric.direction()).isEqualTo(Direction.INCREASE);
    assertThat(metric.queries()).containsOnlyKeys("total", "errors");
  }

  @Test
  void readsEveryFieldOfAFullConfig() {
    AnalysisConfig config =
        AnalysisConfigFiles.parse(
            "full.yaml",
            """
            kind: AnalysisConfig
            name: full
            interval: 1m30s
            steps: [2, 10, 100]
            minEvidence: {canaryRequests: 50, ticks: 4}
            stepDeadline: 1h
            alpha: 0.05
            onInconclusive: pause
            darkCanary: {header: X-Test-Route}
            hooks:
              - {name: probe, type: http-probe, path: /ping, requests: 3, expectStatus: 204, maxLatency: 250ms}
              - {name: hook, type: webhook, stage: performance, url: "https://ci.example/hook", retries: 4, timeout: 5s}
              - {name: cmd, type: command, command: [./check.sh, --fast]}
            metrics:
              - name: latency
                kind: histogram
                direction: increase
                critical: false
                weight: 2
                quantile: 0.95
                tolerance: {relative: 0.1, absolute: 5}
                queries: {buckets: 'sum by (le) (increase(h_bucket{ns="{{namespace}}"}[{{window}}]))'}
            """);

    assertThat(config.interval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.steps()).containsExactly(2, 10, 100);
    assertThat(config.minEvidence()).isEqualTo(new MinEvidence(50, 4));
    assertThat(config.stepDeadline()).isEqualTo(Duration.ofHours(1));
    assertThat(config.onInconclusive()).isEqualTo(OnInconclusive.PAUSE);
    assertThat(config.darkCanaryHeader()).isEqualTo("x-test-route");
    assertThat(config.hooks())
        .containsExactly(
            new HookSpec.HttpProbe(
                "probe",
                HookStage.SMOKE,
                Duration.ofSeconds(10),
                "/ping",
                3,
                204,
                Duration.ofMillis(250),
                HookSpec.HttpProbe.DEFAULT_TOLERANCE),
            new HookSpec.Webhook(
                "hook", HookStage.PERFORMANCE, Duration.ofSeconds(5), "https://ci.example/hook", 4),
            new HookSpec.Command(
                "cmd", HookStage.SMOKE, Duration.ofSeconds(10), List.of("./check.sh", "--fast")));
    MetricSpec latency = config.metrics().get(0);
    assertThat(latency.quantile()).isEqualTo(0.95);
    assertThat(latency.weight()).isEqualTo(2.0);
    assertThat(latency.critical()).isFalse();
    assertThat(latency.tolerance()).isEqualTo(new Tolerance(0.1, 5.0));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown key            | colour: red                    | 1:1  | colour           | unknown key (allowed:
          wrong type             | alpha: lots                    | 1:8  | alpha            | is text 'lots' (allowed: a number)
          alpha zero             | alpha: 0                       | 1:8  | alpha            | is 0 (allowed: a number in (0, 0.5))
          alpha one half         | alpha: 0.5                     | 1:8  | alpha            | is 0.5 (allowed: a number in (0, 0.5))
          negative step          | steps: [-1, 100]               | 1:9  | steps[0]         | is -1 (allowed: 1 to 100)
          step over 100          | steps: [1, 150]                | 1:12 | steps[1]         | is 150 (allowed: 1 to 100)
          unordered steps        | steps: [1, 25, 5, 100]         | 1:16 | steps[2]         | is 5 after 25 (allowed: strictly increasing
          last step not 100      | steps: [1, 5, 50]              | 1:8  | steps            | must end with 100
          fractional step        | steps: [1.5, 100]              | 1:9  | steps[0]         | is number '1.5'
          bad duration           | interval: soon                 | 1:11 | interval         | 'soon' is not a duration
          zero duration          | stepDeadline: 0s               | 1:15 | stepDeadline     | '0s' is not a duration
          bad choice             | onInconclusive: retry          | 1:17 | onInconclusive   | 'retry' is not allowed (one of rollback, pause, advance)
          bad header             | 'darkCanary: {header: "a b"}'  | 1:13 | darkCanary.header | 'a b' is not an HTTP header name
          zero min requests      | 'minEvidence: {canaryRequests: 0}' | 1:31 | minEvidence.canaryRequests | is 0 (allowed: 1 to
          wrong kind             | kind: CanaryRollout            | 1:1  | kind             | is 'CanaryRollout' (allowed: AnalysisConfig)
          alpha not a number     | alpha: .nan                    | 1:8  | alpha            | is .nan (allowed: a number in (0, 0.5))
          alpha infinite         | alpha: .inf                    | 1:8  | alpha            | is .inf (allowed: a number in (0, 0.5))
          hex step               | steps: [1, 0x10, 100]          | 1:12 | steps[1]         | is 0x10 (allowed: 1 to 100)
          step beyond a long     | steps: [1, 99999999999999999999, 100] | 1:12 | steps[1] | is 99999999999999999999 (allowed: 1 to 100)
          ticks beyond a long    | 'minEvidence: {ticks: 99999999999999999999}' | 1:22 | minEvidence.ticks | is 99999999999999999999 (allowed: 1 to
          only the last step     | steps: [100]                   | 1:8  | steps            | has no step below 100: at 100% no stable traffic is left
          deadline before evidence | stepDeadline: 30s            | 1:15 | stepDeadline     | is 30s, shorter than minEvidence.ticks x interval, so no step could ever pass (allowed: at least 60s)
          """)
  void namesTheFieldOfEachTopLevelProblem(
      String rule, String line, String position, String field, String message) {
    assertProblem(line + "\n" + METRIC, position, field, message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          missing kind         | '{name: m, tolerance: {absolute: 1}, queries: {value: x}}' | metrics[0].kind | is required
          unknown kind         | '{name: m, kind: summary, tolerance: {absolute: 1}, queries: {value: x}}' | metrics[0].kind | 'summary' is not allowed (one of ratio, histogram, gauge)
          empty promql         | '{name: m, kind: gauge, tolerance: {absolute: 1}, queries: {value: ""}}' | metrics[0].queries.value | is empty (allowed: a PromQL expression)
          unknown variable     | '{name: m, kind: gauge, tolerance: {absolute: 1}, queries: {value: "rate(x[{{pod}}])"}}' | metrics[0].queries.value | unknown variable {{pod}} (allowed: namespace, service, workload, version, window)
          unbalanced braces    | '{name: m, kind: gauge, tolerance: {absolute: 1}, queries: {value: "x{{window"}}' | metrics[0].queries.value | unclosed {{ at character 2
          window in quotes     | '{name: m, kind: gauge, tolerance: {absolute: 1}, queries: {value: "x{a!=\\"{{window}}\\"}"}}' | metrics[0].queries.value | {{window}} must stand outside quotes, as a duration
          label outside quotes | '{name: m, kind: gauge, tolerance: {absolute: 1}, queries: {value: "vector({{namespace}})"}}' | metrics[0].queries.value | {{namespace}} must stand inside a
          missing role         | '{name: m, kind: ratio, tolerance: {absolute: 1}, queries: {total: x}}' | metrics[0].queries.errors | is required
          extra role           | '{name: m, kind: gauge, tolerance: {absolute: 1}, queries: {value: x, total: y}}' | metrics[0].queries.total | unknown key (allowed: value)
          no tolerance         | '{name: m, kind: gauge, queries: {value: x}}' | metrics[0].tolerance | is required
          empty tolerance      | '{name: m, kind: gauge, tolerance: {}, queries: {value: x}}' | metrics[0].tolerance | needs relative and/or absolute
          negative tolerance   | '{name: m, kind: gauge, tolerance: {relative: -0.1}, queries: {value: x}}' | metrics[0].tolerance.relative | is -0.1 (allowed: a number >= 0
          bad name             | '{name: My Metric, kind: gauge, tolerance: {absolute: 1}, queries: {value: x}}' | metrics[0].name | 'My Metric' is not a metric name
          quantile on ratio    | '{name: m, kind: gauge, quantile: 0.9, tolerance: {absolute: 1}, queries: {value: x}}' | metrics[0].quantile | applies to histogram metrics only
          quantile out of range | '{name: m, kind: histogram, quantile: 1, tolerance: {absolute: 1}, queries: {buckets: x}}' | metrics[0].quantile | is 1 (allowed: a number in (0, 1))
          zero weight          | '{name: m, kind: gauge, weight: 0, tolerance: {absolute: 1}, queries: {value: x}}' | metrics[0].weight | is 0 (allowed: a number > 0)
          critical not bool    | '{name: m, kind: gauge, critical: maybe, tolerance: {absolute: 1}, queries: {value: x}}' | metrics[0].critical | is text 'maybe' (allowed: true or false)
          bad direction        | '{name: m, kind: gauge, direction: up, tolerance: {absolute: 1}, queries: {value: x}}' | metrics[0].direction | 'up' is not allowed (one of increase, decrease)
          """)
  void namesTheFieldOfEachMetricProblem(String rule, String metric, String field, String message) {
    assertThatThrownBy(() -> AnalysisConfigFiles.parse("m.yaml", "metrics:\n  - " + metric))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p -> {
                          assertThat(p.field()).isEqualTo(field);
                          assertThat(p.message()).contains(message);
                          assertThat(p.line()).isEqualTo(2);
                        }));
  }

  @Test
  void rejectsDuplicateMetricNamesAtTheSecondOccurrence() {
    String twice = METRIC + METRIC.substring(METRIC.indexOf("  - name"));
    assertProblem(twice, "8:11", "metrics[1].name", "duplicate name 'error-rate'");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          webhook without url   | '{name: h, type: webhook}'                         | hooks[0].url     | is required
          webhook ftp url       | '{name: h, type: webhook, url: "ftp://x/y"}'        | hooks[0].url     | 'ftp://x/y' is not an absolute URL
          empty command         | '{name: h, type: command, command: []}'            | hooks[0].command | is an empty list
          probe bad path        | '{name: h, type: http-probe, path: health}'        | hooks[0].path    | 'health' is not a request path
          probe bad status      | '{name: h, type: http-probe, expectStatus: 700}'   | hooks[0].expectStatus | is 700 (allowed: 100 to 599)
          unknown type          | '{name: h, type: job}'                             | hooks[0].type    | 'job' is not allowed (one of http-probe, webhook, command)
          key of another type   | '{name: h, type: command, command: [x], url: "http://a"}' | hooks[0].url | unknown key
          negative relative     | '{name: h, type: http-probe, stage: performance, tolerance: {relative: -1}}' | hooks[0].tolerance.relative | is -1 (allowed: a number >= 0
          text absolute         | '{name: h, type: http-probe, stage: performance, tolerance: {absolute: fast}}' | hooks[0].tolerance.absolute | is text 'fast' (allowed: a number)
          empty hook tolerance  | '{name: h, type: http-probe, stage: performance, tolerance: {}}' | hooks[0].tolerance | needs relative and/or absolute
          unknown tolerance key | '{name: h, type: http-probe, stage: performance, tolerance: {max: 3}}' | hooks[0].tolerance.max | unknown key (allowed: absolute, relative)
          tolerance not mapping | '{name: h, type: http-probe, stage: performance, tolerance: 0.5}' | hooks[0].tolerance | is number '0.5' (allowed: a mapping)
          tolerance on smoke    | '{name: h, type: http-probe, tolerance: {relative: 1}}' | hooks[0].tolerance | applies to stage: performance only
          tolerance on webhook  | '{name: h, type: webhook, stage: performance, url: "http://a", tolerance: {relative: 1}}' | hooks[0].tolerance | unknown key
          """)
  void namesTheFieldOfEachHookProblem(String rule, String hook, String field, String message) {
    assertProblem(METRIC + "hooks:\n  - " + hook, "9:", field, message);
  }

  @Test
  void readsAPerformanceProbesToleranceAndDefaultsItWhenUnset() {
    AnalysisConfig config =
        AnalysisConfigFiles.parse(
            "perf.yaml",
            METRIC
                + """
                hooks:
                  - {name: set, type: http-probe, stage: performance, tolerance: {relative: 0.2}}
                  - {name: unset, type: http-probe, stage: performance}
                """);

    assertThat(config.hooks())
        .extracting(h -> ((HookSpec.HttpProbe) h).tolerance())
        .containsExactly(new Tolerance(0.2, null), new Tolerance(0.5, 25.0));
  }

  @Test
  void reportsEveryProblemOfAFileInLineOrder() {
    InvalidConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InvalidConfigException.class,
            () -> AnalysisConfigFiles.parse("many.yaml", "alpha: 2\nsteps: [0, 100]\n" + METRIC));

    assertThat(e.problems()).extracting(ConfigProblem::field).containsExactly("alpha", "steps[0]");
    assertThat(e.getMessage())
        .isEqualTo(
            "many.yaml:1:8: alpha: is 2 (allowed: a number in (0, 0.5))\n"
                + "many.yaml:2:9: steps[0]: is 0 (allowed: 1 to 100)");
  }

  private static void assertProblem(String yaml, String position, String field, String message) {
    assertThatThrownBy(() -> AnalysisConfigFiles.parse("c.yaml", yaml))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.getMessage().lines())
                    .anySatisfy(
                        line ->
                            assertThat(line)
                                .startsWith("c.yaml:" + position)
                                .contains(": " + field + ": " + message)));
  }
}
