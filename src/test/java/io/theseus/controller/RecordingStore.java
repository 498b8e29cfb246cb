package io.theseus.controller;

import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.RolloutStatus;
import io.theseus.store.RolloutStore;
import io.theseus.store.StaleStatusException;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Status in memory (or delegated to a real store); each write is logged as phase and weight. */
final class RecordingStore implements RolloutStore {

  private final CallLog log;
  private final RolloutStore delegate;
  private final Map<CanaryRef, RolloutStatus> memory = new ConcurrentHashMap<>();

  RecordingStore(CallLog log, RolloutStore delegate) {
    this.log = log;
    this.delegate = delegate;
  }

  RecordingStore(CallLog log) {
    this(log, null);
  }

  @Override
  public Future<Optional<RolloutStatus>> read(CanaryRef ref) {
    return delegate != null
        ? delegate.read(ref)
        : Future.succeededFuture(Optional.ofNullable(memory.get(ref)));
  }

  @Override
  public Future<Void> write(CanaryRef ref, Optional<RolloutStatus> read, RolloutStatus status) {
    Future<Void> written;
    if (delegate != null) {
      written = delegate.write(ref, read, status);
    } else if (Optional.ofNullable(memory.get(ref)).equals(read)) {
      memory.put(ref, status);
      written = Future.succeededFuture();
    } else {
      written = Future.failedFuture(new StaleStatusException(ref + ": status changed"));
    }
    return written.onSuccess(
        v -> log.add("store.write " + status.phase() + " " + status.step().weight()));
  }
}
