package io.theseus.bench.sim;

/** Standard normal distribution function, fast enough for millions of bucket evaluations. */
final class Normal {

  /** Chebyshev coefficients of Numerical Recipes' erfc (fractional error below 1.2e-7). */
  private static final double[] ERFC = {
    -1.26551223,
    1.00002368,
    0.37409196,
    0.09678418,
    -0.18628806,
    0.27886807,
    -1.13520398,
    1.48851587,
    -0.82215223,
    0.17087277
  };

  private Normal() {}

  /** Phi(z). */
  static double cdf(double z) {
    return 0.5 * erfc(-z / Math.sqrt(2));
  }

  private static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double poly = 0;
    for (int i = ERFC.length - 1; i >= 0; i--) {
      poly = poly * t + ERFC[i];
    }
    double ans = t * Math.exp(-z * z + poly);
    return x >= 0 ? ans : 2 - ans;
  }
}
