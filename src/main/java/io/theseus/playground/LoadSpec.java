package io.theseus.playground;

import java.time.Duration;

/**
 * A constant-rate load against a proxy on 127.0.0.1.
 *
 * @param port the proxy's traffic port on 127.0.0.1
 * @param ratePerSecond requests started per second, 1-10000
 * @param maxInFlight requests allowed in flight at once; a request due beyond it is dropped
 *     (counted, not queued), so a slow target cannot pile up work
 * @param timeout per-request timeout
 */
public record LoadSpec(int port, int ratePerSecond, int maxInFlight, Duration timeout) {

  public LoadSpec {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("load.port: " + port + " is invalid (allowed: 1-65535)");
    }
    if (ratePerSecond < 1 || ratePerSecond > 10_000) {
      throw new IllegalArgumentException(
          "load.rps: " + ratePerSecond + " is out of range (allowed: 1-10000)");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException(
          "load.maxInFlight: " + maxInFlight + " is invalid (allowed: >= 1)");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("load.timeout: " + timeout + " is invalid (allowed: > 0)");
    }
  }

  /** A load at {@code rps} with 200 in flight at most and a 5 s timeout. */
  public static LoadSpec of(int port, int rps) {
    return new LoadSpec(port, rps, 200, Duration.ofSeconds(5));
  }
}
