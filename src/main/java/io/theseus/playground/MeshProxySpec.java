package io.theseus.playground;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link MeshProxy} fronts and how.
 *
 * @param namespace the service's namespace
 * @param service the service name (the VirtualService host)
 * @param upstreamTimeout route timeout: an upstream slower than this gets a 504 (Envoy's UT)
 * @param seed seed of the weighted split's draws
 */
public record MeshProxySpec(String namespace, String service, Duration upstreamTimeout, long seed) {

  public MeshProxySpec {
    Objects.requireNonNull(namespace, "proxy.namespace");
    Objects.requireNonNull(service, "proxy.service");
    if (upstreamTimeout == null || upstreamTimeout.isNegative() || upstreamTimeout.isZero()) {
      throw new IllegalArgumentException(
          "proxy.upstreamTimeout: " + upstreamTimeout + " is invalid (allowed: > 0)");
    }
  }
}
