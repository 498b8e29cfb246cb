package io.theseus.playground;

import java.util.random.RandomGenerator;

/**
 * How one version of the sample service answers: a lognormal latency body with a heavy tail, and a
 * rate of HTTP 500s.
 *
 * <p>A latency sample is {@code medianMs * exp(sigma * Z)} with Z standard normal; with probability
 * {@code tailProbability} it is further multiplied by {@code tailFactor} (slow dependencies, GC
 * pauses: the tail a p99 sees). Each request fails independently with probability {@code
 * errorRate}.
 *
 * @param medianMs median of the lognormal body, milliseconds, &gt; 0
 * @param sigma shape (standard deviation of the log), &gt;= 0
 * @param tailProbability share of requests that land in the tail, 0-1
 * @param tailFactor how much slower a tail request is, &gt;= 1
 * @param errorRate probability of an HTTP 500, 0-1
 */
public record VersionBehaviour(
    double medianMs, double sigma, double tailProbability, double tailFactor, double errorRate) {

  public VersionBehaviour {
    require(medianMs > 0, "medianMs", medianMs, "> 0");
    require(sigma >= 0, "sigma", sigma, ">= 0");
    require(
        tailProbability >= 0 && tailProbability <= 1, "tailProbability", tailProbability, "0-1");
    require(tailFactor >= 1, "tailFactor", tailFactor, ">= 1");
    require(errorRate >= 0 && errorRate <= 1, "errorRate", errorRate, "0-1");
  }

  /** A latency sample in milliseconds. */
  public double sampleLatencyMs(RandomGenerator random) {
    double body = medianMs * Math.exp(sigma * random.nextGaussian());
    return random.nextDouble() < tailProbability ? body * tailFactor : body;
  }

  /** Whether this request fails with a 500. */
  public boolean sampleError(RandomGenerator random) {
    return random.nextDouble() < errorRate;
  }

  /** The same behaviour with every latency (body and tail) multiplied by {@code factor}. */
  public VersionBehaviour withLatencyFactor(double factor) {
    return new VersionBehaviour(medianMs * factor, sigma, tailProbability, tailFactor, errorRate);
  }

  /** The same behaviour with another tail. */
  public VersionBehaviour withTail(double probability, double factor) {
    return new VersionBehaviour(medianMs, sigma, probability, factor, errorRate);
  }

  /** The same behaviour with another error rate. */
  public VersionBehaviour withErrorRate(double rate) {
    return new VersionBehaviour(medianMs, sigma, tailProbability, tailFactor, rate);
  }

  private static void require(boolean ok, String field, double value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(
          "behaviour." + field + ": " + value + " is out of range (allowed: " + allowed + ")");
    }
  }
}
