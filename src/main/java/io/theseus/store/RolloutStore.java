package io.theseus.store;

import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.RolloutStatus;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Port to where rollout status is persisted: a local file for the demo, the CanaryRollout status
 * subresource in a cluster. A transition counts as done only once {@link #write} has succeeded, so
 * a restarted engine resumes from what this store returns. Implementations never block the event
 * loop.
 */
public interface RolloutStore {

  /**
   * Reads a rollout's persisted status.
   *
   * @return the status, or empty when the rollout has never been written; fails with {@link
   *     RolloutStoreException} naming the rollout when the stored form cannot be read
   */
  Future<Optional<RolloutStatus>> read(CanaryRef ref);

  /**
   * Persists a rollout's status atomically, on condition that the stored status is still {@code
   * read}, the one {@code status} was decided from: after a crash, a later read returns either the
   * previous or this status, never a mix. A write that already landed (a repeat after a lost
   * response) succeeds without writing again.
   *
   * <p>Why conditional: a tick takes seconds (hooks, metric queries, API timeouts). A replica that
   * lost leadership meanwhile must not write its stale decision over what the new leader decided
   * since, nor act on it; so a decision is only ever persisted on top of the status it was made
   * from, and its side effects follow only a successful write.
   *
   * @param read what {@link #read} returned when the decision began (empty: never written)
   * @return completes once the status is durable; fails with {@link StaleStatusException} when the
   *     stored status changed since {@code read} (nothing written), or with {@link
   *     RolloutStoreException}
   */
  Future<Void> write(CanaryRef ref, Optional<RolloutStatus> read, RolloutStatus status);
}
