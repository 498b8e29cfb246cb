package io.theseus.analysis;

import java.util.List;

/**
 * Gauge readings (CPU, memory, saturation) of one version during one tick's window.
 *
 * @param values finite readings, in time order
 */
public record GaugeValues(List<Double> values) implements Sample {

  public GaugeValues {
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null || !Double.isFinite(values.get(i))) {
        throw new IllegalArgumentException("values[" + i + "] must be a finite number");
      }
    }
    values = List.copyOf(values);
  }

  @Override
  public long n() {
    return values.size();
  }
}
