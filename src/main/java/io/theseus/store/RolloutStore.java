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
   * Persists a rollout's status atomically: after a crash, a later read returns either the previous
   * or this status, never a mix.
   *
   * @return completes once the status is durable; fails with {@link RolloutStoreException}
   */
  Future<Void> write(CanaryRef ref, RolloutStatus status);
}
