package io.theseus.playground;

import io.theseus.workload.WorkloadRef;
import io.theseus.workload.WorkloadState;
import io.theseus.workload.Workloads;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@link Workloads} port over the playground's sample services: a workload is one version of a
 * {@link SampleService}, found by its {@link ServiceVersion#workload()} reference; its replicas are
 * the service's replica servers. Removing one closes every replica and reads back as absent.
 */
public final class LocalWorkloads implements Workloads {

  private final Map<WorkloadRef, SampleService> services;

  /**
   * @param services every sample service the engine may read, scale or remove (one entry per
   *     workload reference)
   */
  public LocalWorkloads(Collection<SampleService> services) {
    this.services =
        services.stream()
            .collect(Collectors.toUnmodifiableMap(s -> s.spec().workload(), Function.identity()));
  }

  @Override
  public Future<WorkloadState> read(WorkloadRef ref) {
    SampleService service = services.get(ref);
    return Future.succeededFuture(service == null ? WorkloadState.ABSENT : service.state());
  }

  @Override
  public Future<Void> scale(WorkloadRef ref, int replicas) {
    SampleService service = services.get(ref);
    if (service == null) {
      return Future.failedFuture(
          new IllegalStateException("Workload " + ref + ": scale failed: no such local workload"));
    }
    return service.scale(replicas);
  }

  @Override
  public Future<Void> remove(WorkloadRef ref) {
    SampleService service = services.get(ref);
    // Removing what does not exist is done already: the port's calls are idempotent.
    return service == null ? Future.succeededFuture() : service.remove();
  }
}
