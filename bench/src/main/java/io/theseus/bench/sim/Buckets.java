package io.theseus.bench.sim;

/** Istio's default bucket bounds of {@code istio_request_duration_milliseconds}, in ms. */
public final class Buckets {

  /** Upper bounds {@code le}, ascending, ending with +Inf. */
  public static final double[] ISTIO_MS = {
    0.5,
    1,
    5,
    10,
    25,
    50,
    100,
    250,
    500,
    1000,
    2500,
    5000,
    10000,
    30000,
    60000,
    300000,
    600000,
    1800000,
    3600000,
    Double.POSITIVE_INFINITY
  };

  private Buckets() {}
}
