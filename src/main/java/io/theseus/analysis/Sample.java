package io.theseus.analysis;

/**
 * What one version produced for one metric during one tick's window. The kind matches the metric's
 * {@link io.theseus.config.MetricKind}: counts, never pre-aggregated quantiles.
 */
public sealed interface Sample permits RatioCounts, HistogramCounts, GaugeValues {

  /**
   * The largest count one window may hold, 2^50 (about 10^15 requests): the judge adds a step's
   * windows up in longs, which this keeps far from overflow.
   */
  long MAX_COUNT = 1L << 50;

  /** How many observations the sample holds (requests for counts, points for gauges). */
  long n();
}
