package io.theseus.telemetry;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.theseus.metrics.MetricQueryException;
import io.theseus.metrics.QueryObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every {@code theseus_*} metric, on an injected client_java registry (a fresh one per test). The
 * engine records plain values through the typed methods; labels are bounded: namespace, rollout,
 * metric, phase, verdict, decision, action, kind. All methods are cheap and thread-safe, and may be
 * called on an event loop. docs/metrics.md lists every metric.
 */
public final class TheseusMetrics implements QueryObserver {

  /** The content type of {@link #writeTo}: Prometheus text format 0.0.4. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  /** The rollout phases, one series each in {@code theseus_rollout_phase}. */
  public static final List<String> PHASES =
      List.of(
          "Pending",
          "Initializing",
          "DarkCanary",
          "Baseline",
          "Progressing",
          "Promoting",
          "Finalizing",
          "RollingBack",
          "Paused",
          "Succeeded",
          "RolledBack",
          "Failed");

  /** The rollout decisions of the judge; others may be recorded too. */
  public static final List<String> DECISIONS = List.of("ADVANCE", "HOLD", "ROLLBACK");

  /** The override actions. */
  public static final List<String> ACTIONS = List.of("promote", "rollback", "pause", "resume");

  private static final String NS = "namespace";
  private static final String ROLLOUT = "rollout";
  private static final String METRIC = "metric";
  private static final Pattern DECISION = Pattern.compile("[A-Z][A-Z_]{0,31}");
  private static final double[] QUERY_BUCKETS = {.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10};
  private static final double[] TICK_BUCKETS = {.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30};

  private final PrometheusRegistry registry;
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Gauge phase;
  private final Gauge weight;
  private final Gauge step;
  private final Gauge verdict;
  private final Gauge canaryValue;
  private final Gauge stableValue;
  private final Gauge toleranceUpper;
  private final Gauge evalue;
  private final Gauge evalueThreshold;
  private final Counter decisions;
  private final Counter rollbacks;
  private final Counter promotions;
  private final Counter overrides;
  private final Histogram queryDuration;
  private final Counter queryErrors;
  private final Histogram tickDuration;

  /**
   * Registers every metric on {@code registry} and sets {@code theseus_info{version}}.
   *
   * @throws IllegalArgumentException when the registry already holds these metrics
   */
  public TheseusMetrics(PrometheusRegistry registry, String version) {
    this.registry = registry;
    Info.builder()
        .name("theseus_info")
        .help("Theseus build information; always 1")
        .labelNames("version")
        .register(registry)
        .setLabelValues(version);

    phase =
        gauge("theseus_rollout_phase", "1 for the rollout's current phase, 0 for others", "phase");
    weight = gauge("theseus_rollout_canary_weight", "Canary traffic weight in percent");
    step = gauge("theseus_rollout_step", "Index of the current weight step, 0 before the first");
    verdict = gaugeM("theseus_metric_verdict", "1 for the metric's current verdict", "verdict");
    canaryValue = gaugeM("theseus_metric_canary_value", "The canary's figure for the metric");
    stableValue = gaugeM("theseus_metric_stable_value", "The stable version's figure");
    toleranceUpper = gaugeM("theseus_metric_tolerance_upper", "Worst acceptable canary figure");
    evalue = gaugeM("theseus_metric_evalue", "E-value of a regression; 1 = no evidence");
    evalueThreshold = gaugeM("theseus_metric_evalue_threshold", "E-value that fails the metric");
    decisions = counter("theseus_decisions", "Rollout decisions taken per tick", "decision");
    rollbacks = counter("theseus_rollbacks", "Rollbacks started");
    promotions = counter("theseus_promotions", "Promotions completed");
    overrides = counter("theseus_overrides", "Manual overrides accepted", "action");
    queryDuration =
        histogram(
            "theseus_prometheus_query_duration_seconds",
            "Wall time of one metric's query, retries included",
            QUERY_BUCKETS);
    queryErrors =
        Counter.builder()
            .name("theseus_prometheus_query_errors")
            .help("Failed metric queries by kind (timeout, connection, http, no_data, stale, ...)")
            .labelNames("kind")
            .register(registry);
    initQueryErrors();
    tickDuration =
        histogram(
            "theseus_tick_duration_seconds",
            "Wall time of one analysis tick of a rollout",
            TICK_BUCKETS,
            NS,
            ROLLOUT);
  }

  /**
   * Sets the rollout's phase: its series to 1, every other phase's to 0. Also creates the rollout's
   * counters at 0, so that {@code increase()} sees their first event (a series born at 1 has none).
   */
  public void recordPhase(String namespace, String rollout, String current) {
    if (!PHASES.contains(current)) {
      throw new IllegalArgumentException("phase must be one of " + PHASES + ", got " + current);
    }
    DECISIONS.forEach(d -> decisions.labelValues(namespace, rollout, d));
    ACTIONS.forEach(a -> overrides.labelValues(namespace, rollout, a));
    rollbacks.labelValues(namespace, rollout);
    promotions.labelValues(namespace, rollout);
    for (String p : PHASES) {
      phase.labelValues(namespace, rollout, p).set(p.equals(current) ? 1 : 0);
    }
  }

  /** Sets the canary weight, in percent. */
  public void recordWeight(String namespace, String rollout, int percent) {
    weight.labelValues(namespace, rollout).set(percent);
  }

  /** Sets the index of the current weight step. */
  public void recordStep(String namespace, String rollout, int index) {
    step.labelValues(namespace, rollout).set(index);
  }

  /** Records one metric's verdict and figures of the latest tick. */
  public void recordVerdict(String namespace, String rollout, String metric, VerdictValues v) {
    for (String name : VerdictValues.VERDICTS) {
      verdict.labelValues(namespace, rollout, metric, name).set(name.equals(v.verdict()) ? 1 : 0);
    }
    canaryValue.labelValues(namespace, rollout, metric).set(v.canaryValue());
    stableValue.labelValues(namespace, rollout, metric).set(v.stableValue());
    toleranceUpper.labelValues(namespace, rollout, metric).set(v.toleranceUpper());
    evalue.labelValues(namespace, rollout, metric).set(v.evalue());
    evalueThreshold.labelValues(namespace, rollout, metric).set(v.evalueThreshold());
  }

  /** Counts a rollout decision ({@code ADVANCE}, {@code HOLD}, {@code ROLLBACK}, ...). */
  public void recordDecision(String namespace, String rollout, String decision) {
    if (!DECISION.matcher(decision).matches()) {
      throw new IllegalArgumentException("decision must be an upper-case name, got " + decision);
    }
    decisions.labelValues(namespace, rollout, decision).inc();
  }

  /** Counts a rollback started. */
  public void recordRollback(String namespace, String rollout) {
    rollbacks.labelValues(namespace, rollout).inc();
  }

  /** Counts a completed promotion. */
  public void recordPromotion(String namespace, String rollout) {
    promotions.labelValues(namespace, rollout).inc();
  }

  /** Counts an accepted manual override. */
  public void recordOverride(String namespace, String rollout, String action) {
    if (!ACTIONS.contains(action)) {
      throw new IllegalArgumentException("action must be one of " + ACTIONS + ", got " + action);
    }
    overrides.labelValues(namespace, rollout, action).inc();
  }

  /** Observes one analysis tick's wall time. */
  public void recordTick(String namespace, String rollout, Duration elapsed) {
    tickDuration.labelValues(namespace, rollout).observe(seconds(elapsed));
  }

  /** Observes one metrics query: its duration, and its failure kind when it failed. */
  @Override
  public void observe(String metric, Duration elapsed, MetricQueryException failure) {
    queryDuration.observe(seconds(elapsed));
    if (failure != null) {
      queryErrors.labelValues(failure.kind().label()).inc();
    }
  }

  /** Writes every metric in Prometheus text format ({@link #CONTENT_TYPE}). */
  public void writeTo(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
  }

  /** Every metric in Prometheus text format, for {@code GET /metrics}. */
  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try {
      writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen on a byte array
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private Histogram histogram(String name, String help, double[] buckets, String... labels) {
    return Histogram.builder()
        .name(name)
        .help(help)
        .labelNames(labels)
        .classicOnly()
        .classicUpperBounds(buckets)
        .register(registry);
  }

  private void initQueryErrors() {
    for (MetricQueryException.Kind kind : MetricQueryException.Kind.values()) {
      queryErrors.labelValues(kind.label()); // every kind at 0, so rate() shows the first error
    }
  }

  private Gauge gauge(String name, String help, String... extra) {
    return Gauge.builder()
        .name(name)
        .help(help)
        .labelNames(labels(extra, NS, ROLLOUT))
        .register(registry);
  }

  private Gauge gaugeM(String name, String help, String... extra) {
    return Gauge.builder()
        .name(name)
        .help(help)
        .labelNames(labels(extra, NS, ROLLOUT, METRIC))
        .register(registry);
  }

  private Counter counter(String name, String help, String... extra) {
    return Counter.builder()
        .name(name)
        .help(help)
        .labelNames(labels(extra, NS, ROLLOUT))
        .register(registry);
  }

  private static String[] labels(String[] extra, String... base) {
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
