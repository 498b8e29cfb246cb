package io.theseus.bench.sim;

import java.util.SplittableRandom;
import org.apache.commons.math3.special.Gamma;

/**
 * Exact binomial and multinomial draws from a {@link SplittableRandom}: inversion for small means,
 * Hoermann's BTRS transformed rejection (1993) otherwise, so a 60 000-request window costs a few
 * draws instead of 60 000.
 */
public final class Sampling {

  private Sampling() {}

  /** A Binomial(n, p) draw. */
  public static long binomial(SplittableRandom rnd, long n, double p) {
    if (n <= 0 || p <= 0) {
      return 0;
    }
    if (p >= 1) {
      return n;
    }
    if (p > 0.5) {
      return n - binomial(rnd, n, 1 - p);
    }
    return n * p < 10 ? inversion(rnd, n, p) : btrs(rnd, n, p);
  }

  /** Counts of {@code n} draws over categories with probabilities {@code probs} (sum 1). */
  public static long[] multinomial(SplittableRandom rnd, long n, double[] probs) {
    long[] counts = new long[probs.length];
    long left = n;
    double massLeft = 1;
    for (int k = 0; k < probs.length - 1 && left > 0; k++) {
      double p = massLeft <= 0 ? 1 : Math.min(1, probs[k] / massLeft);
      counts[k] = binomial(rnd, left, p);
      left -= counts[k];
      massLeft -= probs[k];
    }
    counts[probs.length - 1] += left;
    return counts;
  }

  /** A Poisson(mean) draw by the normal approximation; used only for request volumes >= 1000. */
  public static long poissonLarge(SplittableRandom rnd, double mean) {
    double z = gaussian(rnd);
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }

  /** A standard normal draw (Box-Muller). */
  public static double gaussian(SplittableRandom rnd) {
    double u = 1 - rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
  }

  private static long inversion(SplittableRandom rnd, long n, double p) {
    double q = 1 - p;
    double s = p / q;
    double a = (n + 1) * s;
    double r = Math.pow(q, n);
    double u = rnd.nextDouble();
    long x = 0;
    while (u > r && x < n) {
      u -= r;
      x++;
      r *= a / x - s;
      if (r <= 0) {
        break;
      }
    }
    return x;
  }

  private static long btrs(SplittableRandom rnd, long n, double p) {
    double spq = Math.sqrt(n * p * (1 - p));
    double b = 1.15 + 2.53 * spq;
    double a = -0.0873 + 0.0248 * b + 0.01 * p;
    double c = n * p + 0.5;
    double vr = 0.92 - 4.2 / b;
    double alpha = (2.83 + 5.1 / b) * spq;
    double lpq = Math.log(p / (1 - p));
    long m = (long) Math.floor((n + 1) * p);
    double h = Gamma.logGamma(m + 1.0) + Gamma.logGamma(n - m + 1.0);
    while (true) {
      double u = rnd.nextDouble() - 0.5;
      double v = rnd.nextDouble();
      double us = 0.5 - Math.abs(u);
      long k = (long) Math.floor((2 * a / us + b) * u + c);
      if (k < 0 || k > n) {
        continue;
      }
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      double logV = Math.log(v * alpha / (a / (us * us) + b));
      double logRatio = h - Gamma.logGamma(k + 1.0) - Gamma.logGamma(n - k + 1.0) + (k - m) * lpq;
      if (logV <= logRatio) {
        return k;
      }
    }
  }
}
