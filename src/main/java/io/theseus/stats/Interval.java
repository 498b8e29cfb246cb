package io.theseus.stats;

/**
 * A confidence interval or confidence-sequence slice. An absent bound is infinite ({@code
 * -Infinity} or {@code +Infinity}), never NaN.
 *
 * @param lower lower bound
 * @param upper upper bound, {@code >= lower}
 */
public record Interval(double lower, double upper) {

  /** The interval that says nothing. */
  public static final Interval UNBOUNDED =
      new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

  /** The bound on the side where a larger value is worse ({@code upper}) or better. */
  public double worse(boolean higherIsWorse) {
    return higherIsWorse ? upper : lower;
  }

  /** The bound on the side opposite to {@link #worse(boolean)}. */
  public double better(boolean higherIsWorse) {
    return higherIsWorse ? lower : upper;
  }
}
