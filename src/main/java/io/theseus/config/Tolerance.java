package io.theseus.config;

/**
 * How far the canary may be worse than the stable figure captured at 1% before it is a regression.
 * At least one allowance is set. With both set, the more permissive bound applies, so a stable
 * error rate of 0 still leaves the absolute allowance.
 *
 * @param relative allowed worsening as a fraction of the stable figure (0.2 = 20%), or null
 * @param absolute allowed worsening in the metric's unit (0.001 = 0.1 percentage points for a
 *     ratio, 25 = 25 ms for latency in ms), or null
 */
public record Tolerance(Double relative, Double absolute) {

  public Tolerance {
    if (relative == null && absolute == null) {
      throw new IllegalArgumentException("a tolerance needs relative and/or absolute");
    }
  }

  /**
   * The worst acceptable canary figure for a stable figure, in the metric's regression direction.
   */
  public double limit(double stable, Direction direction) {
    double rel = relative == null ? 0 : Math.abs(stable) * relative;
    double abs = absolute == null ? 0 : absolute;
    double allowance = Math.max(rel, abs);
    return direction == Direction.INCREASE ? stable + allowance : stable - allowance;
  }
}
