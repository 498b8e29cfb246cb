package io.theseus.bench.peer.kayenta;

import io.theseus.bench.sim.Sampling;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Kayenta's {@code MannWhitneyClassifier} for one metric with {@code nanStrategy=remove}, outliers
 * kept, effect size {@code meanRatio}, tolerance 0.25 and the early exits of stats.md section 1.4.
 */
public final class MetricClassifier {

  /** Kayenta's hard-coded tolerance on the estimate. */
  private static final double TOLERANCE = 0.25;

  private final MannWhitney test;
  private final boolean increaseIsBad;
  private final boolean decreaseIsBad;
  private final double allowedIncrease;
  private final double allowedDecrease;

  /**
   * A classifier.
   *
   * @param confLevel the Mann-Whitney confidence level (0.98 in Kayenta)
   * @param direction {@code increase}, {@code decrease} or {@code either}
   * @param allowedIncrease least meanRatio for HIGH (1.0 by default)
   * @param allowedDecrease largest meanRatio for LOW (1.0 by default)
   */
  public MetricClassifier(
      double confLevel, String direction, double allowedIncrease, double allowedDecrease) {
    this.test = new MannWhitney(confLevel);
    this.increaseIsBad = !direction.equals("decrease");
    this.decreaseIsBad = !direction.equals("increase");
    this.allowedIncrease = allowedIncrease;
    this.allowedDecrease = allowedDecrease;
  }

  /** Classifies canary points against baseline points; NaN points are removed first. */
  public Classification classify(double[] canary, double[] baseline, SplittableRandom noise) {
    double[] x = withoutNaN(canary);
    double[] y = withoutNaN(baseline);
    if (x.length == 0 || y.length == 0) {
      return Classification.NODATA;
    }
    if (Arrays.equals(sorted(x), sorted(y)) || distinct(x, y) == 1) {
      return Classification.PASS;
    }
    if (distinct(x, x) == 1 && distinct(y, y) == 1) {
      x = jitter(x, noise);
      y = jitter(y, noise);
    }
    try {
      return decide(test.test(x, y), meanRatio(x, y));
    } catch (IllegalStateException allTied) {
      return Classification.ERROR;
    }
  }

  private Classification decide(MannWhitney.Result result, double effect) {
    double bound = TOLERANCE * Math.abs(result.estimate());
    boolean nanEffect = Double.isNaN(effect);
    if (increaseIsBad && result.lower() > bound && (nanEffect || effect >= allowedIncrease)) {
      return Classification.HIGH;
    }
    if (decreaseIsBad && result.upper() < -bound && (nanEffect || effect <= allowedDecrease)) {
      return Classification.LOW;
    }
    return Classification.PASS;
  }

  /** mean(canary) / mean(baseline), NaN when either mean is 0. */
  static double meanRatio(double[] canary, double[] baseline) {
    double mx = Arrays.stream(canary).average().orElse(0);
    double my = Arrays.stream(baseline).average().orElse(0);
    return mx == 0 || my == 0 ? Double.NaN : mx / my;
  }

  private static double[] withoutNaN(double[] values) {
    return Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
  }

  private static double[] sorted(double[] values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }

  private static long distinct(double[] a, double[] b) {
    return java.util.stream.DoubleStream.concat(Arrays.stream(a), Arrays.stream(b))
        .distinct()
        .count();
  }

  /** Kayenta's fix for two constant arrays: N(0, (value * 1e-5)^2) noise on every point. */
  private static double[] jitter(double[] values, SplittableRandom noise) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] + values[i] * 1e-5 * Sampling.gaussian(noise);
    }
    return out;
  }
}
