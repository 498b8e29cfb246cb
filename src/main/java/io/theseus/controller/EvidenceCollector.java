package io.theseus.controller;

import io.theseus.analysis.MetricEvidence;
import io.theseus.analysis.TickEvidence;
import io.theseus.analysis.Version;
import io.theseus.config.MetricKind;
import io.theseus.config.MetricSpec;
import io.theseus.metrics.MetricsProvider;
import io.theseus.metrics.NoDataException;
import io.theseus.metrics.QueryContext;
import io.theseus.rollout.HookOutcome;
import io.theseus.rollout.Judgement;
import io.theseus.rollout.Observation.Analysed;
import io.theseus.rollout.Observation.Drained;
import io.theseus.rollout.RolloutSpec;
import io.theseus.rollout.RolloutStatus;
import io.theseus.rollout.StepJudge;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers one tick's evidence (one query per metric, all in parallel), classifies what is missing
 * and hands it to the judge. No data is INCONCLUSIVE for the judge; a query error or a stale series
 * is a metrics outage, which freezes the weight instead of failing the canary.
 */
final class EvidenceCollector {

  /** Scrape and ingestion lag allowed before a window after a route change is trusted. */
  static final Duration SCRAPE_LAG = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(EvidenceCollector.class);

  private final RolloutSpec spec;
  private final MetricsProvider metrics;
  private final StepJudge judge;
  private final Offload offload;

  EvidenceCollector(RolloutSpec spec, MetricsProvider metrics, StepJudge judge, Offload offload) {
    this.spec = spec;
    this.metrics = metrics;
    this.judge = judge;
    this.offload = offload;
  }

  /** Fetches every metric over the last interval and judges it. */
  Future<Analysed> analyse(RolloutStatus status, HookOutcome stepHooks, Instant now) {
    Duration window = spec.analysis().interval();
    List<Future<Fetched>> fetches = new ArrayList<>();
    for (MetricSpec metric : spec.analysis().metrics()) {
      fetches.add(fetch(metric, window, now));
    }
    return Future.all(fetches)
        .compose(all -> offload.run(() -> judged(status, stepHooks, now, all.<Fetched>list())));
  }

  /**
   * Canary requests over a window that starts after the rollback reset the routes; unknown until
   * such a window has elapsed or when metrics are unavailable.
   */
  Future<Drained> drained(RolloutStatus status, Instant now) {
    Duration window = spec.analysis().interval();
    Optional<MetricSpec> traffic = trafficMetric();
    if (traffic.isEmpty() || status.phaseSince().plus(window).plus(SCRAPE_LAG).isAfter(now)) {
      return Future.succeededFuture(new Drained(null));
    }
    return fetch(traffic.get(), window, now)
        .map(
            f ->
                new Drained(
                    f.failure() == null ? canaryRequests(f.evidence()) : drainedIfNoData(f)));
  }

  private Analysed judged(
      RolloutStatus status, HookOutcome stepHooks, Instant now, List<Fetched> fetched) {
    Map<String, MetricEvidence> present = new HashMap<>();
    Map<String, String> missing = new HashMap<>();
    List<String> outages = new ArrayList<>();
    for (Fetched f : fetched) {
      if (f.failure() == null) {
        present.put(f.metric(), f.evidence());
      } else {
        missing.put(f.metric(), f.failure().getMessage());
        if (!(f.failure() instanceof NoDataException)) {
          outages.add(f.metric() + ": " + f.failure().getMessage());
        }
      }
    }
    TickEvidence evidence = new TickEvidence(now, status.step().weight(), present, missing);
    LOG.debug(
        "{}: evidence at {}%: {} answered, missing {}",
        spec.ref(), evidence.weight(), present.keySet(), missing);
    Judgement judgement = judge.judge(spec, status.analysis().judgeState(), evidence);
    String outage = outages.isEmpty() ? null : String.join("; ", outages);
    return new Analysed(stepHooks, judgement, outage, requestsOf(present));
  }

  private Future<Fetched> fetch(MetricSpec metric, Duration window, Instant now) {
    return metrics
        .fetch(metric, context(window), now)
        .map(ev -> new Fetched(metric.name(), ev, null))
        .otherwise(e -> new Fetched(metric.name(), null, e));
  }

  private QueryContext context(Duration window) {
    return new QueryContext(
        spec.ref().namespace(),
        spec.service().name(),
        Map.of(Version.STABLE, spec.stable().workload(), Version.CANARY, spec.canary().workload()),
        Map.of(Version.STABLE, spec.stable().version(), Version.CANARY, spec.canary().version()),
        window);
  }

  /** The metric whose canary sample counts requests: the first ratio, else the first histogram. */
  private Optional<MetricSpec> trafficMetric() {
    List<MetricSpec> all = spec.analysis().metrics();
    return all.stream()
        .filter(m -> m.kind() == MetricKind.RATIO)
        .findFirst()
        .or(() -> all.stream().filter(m -> m.kind() == MetricKind.HISTOGRAM).findFirst());
  }

  private long requestsOf(Map<String, MetricEvidence> present) {
    return trafficMetric()
        .map(m -> present.get(m.name()))
        .map(EvidenceCollector::canaryRequests)
        .orElse(0L);
  }

  // Boxed: with a long here the ternary in drained() would unbox the null of an outage (an NPE).
  private static Long canaryRequests(MetricEvidence evidence) {
    return evidence.canary().n();
  }

  /** No data for the canary after a reset means it served nothing; an outage stays unknown. */
  private static Long drainedIfNoData(Fetched f) {
    return f.failure() instanceof NoDataException ? 0L : null;
  }

  private record Fetched(String metric, MetricEvidence evidence, Throwable failure) {}
}
