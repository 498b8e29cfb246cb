package io.theseus.bench.prometheus;

import io.theseus.analysis.MetricEvidence;
import io.theseus.config.AnalysisConfig;
import io.theseus.config.MetricKind;
import io.theseus.config.MetricSpec;
import io.theseus.metrics.prometheus.PrometheusResponseParser;
import io.theseus.metrics.prometheus.PromqlBatch;
import io.theseus.metrics.prometheus.PromqlBatcher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One tick as the provider does it: one batched query per metric, parsed into evidence. */
final class TheseusTick {

  private static final Duration STALE_AFTER = Duration.ofSeconds(45);
  private final List<MetricSpec> metrics;
  private final PromqlBatcher batcher = new PromqlBatcher(STALE_AFTER, Duration.ofSeconds(15));
  private final byte[] ratio = Bodies.batchedRatio().getBytes(StandardCharsets.UTF_8);
  private final byte[] histogram = Bodies.batchedHistogram().getBytes(StandardCharsets.UTF_8);

  TheseusTick(AnalysisConfig config) {
    this.metrics = config.metrics();
  }

  int queries() {
    return metrics.size();
  }

  long run() {
    long sink = 0;
    Instant end = Instant.ofEpochSecond(1764489600);
    for (MetricSpec metric : metrics) {
      PromqlBatch batch = batcher.batch(metric, ProviderBench.CONTEXT, end);
      byte[] body = metric.kind() == MetricKind.HISTOGRAM ? histogram : ratio;
      MetricEvidence evidence =
          PrometheusResponseParser.evidence(batch, metric.kind(), STALE_AFTER, body);
      sink += batch.promql().length() + evidence.canary().n();
    }
    return sink;
  }
}
