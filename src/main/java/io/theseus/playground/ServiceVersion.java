package io.theseus.playground;

import io.theseus.workload.WorkloadRef;
import java.util.Objects;

/**
 * One version of the sample service: its workload, version label, behaviour and random seed.
 *
 * @param workload the workload's namespace and name (Istio's destination_workload), e.g. {@code
 *     demo/healthy-v2}
 * @param version the version label (Istio's destination_version, the DestinationRule subset)
 * @param profile how it behaves over the rollout
 * @param seed seed of its latency and error draws (replica i uses {@code seed + i})
 */
public record ServiceVersion(
    WorkloadRef workload, String version, VersionProfile profile, long seed) {

  public ServiceVersion {
    Objects.requireNonNull(workload, "serviceVersion.workload");
    Objects.requireNonNull(profile, "serviceVersion.profile");
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("serviceVersion.version: must not be blank");
    }
  }
}
