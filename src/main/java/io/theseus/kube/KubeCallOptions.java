package io.theseus.kube;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How Kubernetes calls are run.
 *
 * @param poolSize threads of the {@code kube-ops} worker pool, at least 1
 * @param timeout limit for one call, positive
 * @param maxAttempts attempts of a retried sequence in all, at least 1
 * @param baseDelay backoff before the second attempt (before jitter), positive
 * @param maxDelay cap on any one backoff, at least {@code baseDelay}
 */
public record KubeCallOptions(
    int poolSize, Duration timeout, int maxAttempts, Duration baseDelay, Duration maxDelay) {

  /** 8 threads, 10 s per call, 5 attempts with backoff from 200 ms up to 3 s. */
  public static final KubeCallOptions DEFAULT =
      new KubeCallOptions(
          8, Duration.ofSeconds(10), 5, Duration.ofMillis(200), Duration.ofSeconds(3));

  public KubeCallOptions {
    require(poolSize >= 1, "poolSize", poolSize, "at least 1");
    require(!timeout.isNegative() && !timeout.isZero(), "timeout", timeout, "positive");
    require(maxAttempts >= 1, "maxAttempts", maxAttempts, "at least 1");
    require(!baseDelay.isNegative() && !baseDelay.isZero(), "baseDelay", baseDelay, "positive");
    require(maxDelay.compareTo(baseDelay) >= 0, "maxDelay", maxDelay, "at least baseDelay");
  }

  private static void require(boolean ok, String field, Object value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(
          "kube call options: " + field + ": " + value + " is not allowed (" + allowed + ")");
    }
  }

  /**
   * Backoff after failed attempt {@code attempt} (1-based): the exponential delay {@code baseDelay
   * * 2^(attempt-1)} capped at {@code maxDelay}, of which a random half is kept ("equal jitter"),
   * so replicas that failed together do not retry together.
   */
  public long backoffMillis(int attempt, RandomGenerator random) {
    long exponential = baseDelay.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(exponential, maxDelay.toMillis());
    long half = capped / 2;
    return half + random.nextLong(capped - half + 1);
  }
}
