package io.theseus.controller;

import io.theseus.workload.WorkloadRef;
import io.theseus.workload.WorkloadState;
import io.theseus.workload.Workloads;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Workloads held in a map; scaling is instant and every write goes to the call log. */
final class FakeWorkloads implements Workloads {

  private final CallLog log;
  private final Map<String, WorkloadState> byName = new ConcurrentHashMap<>();

  FakeWorkloads(CallLog log) {
    this.log = log;
  }

  FakeWorkloads with(String name, int replicas, String revision) {
    byName.put(name, new WorkloadState(true, replicas, replicas, revision));
    return this;
  }

  WorkloadState get(String name) {
    return byName.getOrDefault(name, WorkloadState.ABSENT);
  }

  @Override
  public Future<WorkloadState> read(WorkloadRef ref) {
    return Future.succeededFuture(get(ref.name()));
  }

  @Override
  public Future<Void> scale(WorkloadRef ref, int replicas) {
    WorkloadState now = get(ref.name());
    byName.put(ref.name(), new WorkloadState(true, replicas, replicas, now.revision()));
    log.add("workloads.scale " + ref.name() + " " + replicas);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> remove(WorkloadRef ref) {
    byName.remove(ref.name());
    log.add("workloads.remove " + ref.name());
    return Future.succeededFuture();
  }
}
