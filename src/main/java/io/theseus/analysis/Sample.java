package io.theseus.analysis;

/**
 * What one version produced for one metric during one tick's window. The kind matches the metric's
 * {@link io.theseus.config.MetricKind}: counts, never pre-aggregated quantiles.
 */
public sealed interface Sample permits RatioCounts, HistogramCounts, GaugeValues {

  /** How many observations the sample holds (requests for counts, points for gauges). */
  long n();
}
