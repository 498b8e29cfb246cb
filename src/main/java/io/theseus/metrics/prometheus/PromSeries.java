package io.theseus.metrics.prometheus;

import java.util.Map;

/**
 * One series of a Prometheus answer: an instant vector's element has one point, a matrix's many.
 *
 * @param labels the series' labels
 * @param timesMs sample times, epoch milliseconds, ascending
 * @param values sample values (NaN and infinities as Prometheus sent them), one per time
 */
public record PromSeries(Map<String, String> labels, long[] timesMs, double[] values) {

  public PromSeries {
    labels = Map.copyOf(labels);
  }

  /** The value of a label, or null. */
  public String label(String name) {
    return labels.get(name);
  }

  /** The newest sample's value. */
  public double lastValue() {
    return values[values.length - 1];
  }

  /** The newest sample's time in epoch milliseconds. */
  public long lastTimeMs() {
    return timesMs[timesMs.length - 1];
  }
}
