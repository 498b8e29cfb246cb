package io.theseus.metrics;

import io.theseus.analysis.Version;
import java.time.Duration;
import java.util.Map;

/**
 * The values a PromQL template's variables take for one rollout: {@code {{namespace}}}, {@code
 * {{service}}}, {@code {{workload}}} and {@code {{version}}} per version, and {@code {{window}}}.
 *
 * @param namespace Kubernetes namespace of the service
 * @param service the service (host) under rollout
 * @param workloads workload (Deployment) name per version
 * @param versions version label value per version
 * @param window the tick's window; rendered in PromQL duration syntax ({@code 30s})
 */
public record QueryContext(
    String namespace,
    String service,
    Map<Version, String> workloads,
    Map<Version, String> versions,
    Duration window) {

  public QueryContext {
    workloads = Map.copyOf(workloads);
    versions = Map.copyOf(versions);
  }
}
