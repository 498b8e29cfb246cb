package io.theseus.analysis;

/**
 * Requests and failed requests of one version in one tick's window.
 *
 * @param total requests in the window, {@code >= 0}
 * @param errors failed requests in the window, {@code 0 <= errors <= total}
 */
public record RatioCounts(long total, long errors) implements Sample {

  public RatioCounts {
    if (total < 0) {
      throw new IllegalArgumentException("total must be >= 0, got " + total);
    }
    if (errors < 0) {
      throw new IllegalArgumentException("errors must be >= 0, got " + errors);
    }
    if (total > MAX_COUNT) {
      throw new IllegalArgumentException("total must be at most 2^50, got " + total);
    }
    if (errors > total) {
      throw new IllegalArgumentException(
          "errors (" + errors + ") must not exceed total (" + total + ")");
    }
  }

  @Override
  public long n() {
    return total;
  }
}
