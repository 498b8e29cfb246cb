package io.theseus.kube;

import java.time.Duration;

/**
 * Leader election on a coordination.k8s.io/v1 Lease.
 *
 * @param namespace the Lease's namespace (the daemon's own)
 * @param name the Lease's name, shared by all replicas
 * @param identity this replica's holder identity (the pod name), unique among replicas
 * @param leaseDuration how long others wait, after last seeing the Lease change, before taking it
 * @param renewDeadline how long the leader keeps acting without a successful renewal; shorter than
 *     {@code leaseDuration}, so it stops before anyone else may start
 * @param retryPeriod pause between attempts to acquire or renew; shorter than {@code renewDeadline}
 */
public record LeaseSettings(
    String namespace,
    String name,
    String identity,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod) {

  public LeaseSettings {
    require(!identity.isBlank(), "identity", identity, "not blank");
    require(
        leaseDuration.compareTo(Duration.ofSeconds(1)) >= 0,
        "leaseDuration",
        leaseDuration,
        "at least 1s: the Lease records whole seconds");
    require(
        renewDeadline.compareTo(leaseDuration) < 0,
        "renewDeadline",
        renewDeadline,
        "shorter than leaseDuration " + leaseDuration);
    require(
        !retryPeriod.isNegative()
            && !retryPeriod.isZero()
            && retryPeriod.compareTo(renewDeadline) < 0,
        "retryPeriod",
        retryPeriod,
        "positive and shorter than renewDeadline " + renewDeadline);
  }

  /** client-go's defaults: 15 s lease, 10 s renew deadline, 2 s retry period. */
  public static LeaseSettings defaults(String namespace, String name, String identity) {
    return new LeaseSettings(
        namespace,
        name,
        identity,
        Duration.ofSeconds(15),
        Duration.ofSeconds(10),
        Duration.ofSeconds(2));
  }

  /** Whole seconds written to {@code spec.leaseDurationSeconds}, rounded up. */
  int leaseDurationSeconds() {
    return (int) ((leaseDuration.toMillis() + 999) / 1000);
  }

  private static void require(boolean ok, String field, Object value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(
          "leader election: " + field + ": " + value + " is not allowed (" + allowed + ")");
    }
  }
}
