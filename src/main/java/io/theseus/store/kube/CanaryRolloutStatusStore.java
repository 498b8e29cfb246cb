package io.theseus.store.kube;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.theseus.kube.CanaryRolloutResource;
import io.theseus.kube.CanaryRollouts;
import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.RolloutPhase;
import io.theseus.rollout.RolloutStatus;
import io.theseus.store.RolloutStore;
import io.theseus.store.RolloutStoreException;
import io.theseus.store.StaleStatusException;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link RolloutStore} on the CanaryRollout status subresource. A write re-reads the resource,
 * checks that the engine's fields are still those the tick read (or already the ones it writes),
 * and replaces only the engine's fields of its status (overrides and unknown fields survive),
 * appends the decision to the bounded ledger and records the spec generation it saw; conflicts and
 * transient API faults repeat the whole read-mutate-write ({@link CanaryRollouts#updateStatus}).
 * Repeating a write that already landed changes nothing, so a retried tick never steps twice.
 *
 * <p>Construct with {@code new CanaryRolloutStatusStore(canaryRollouts, 20, Clock.systemUTC())}.
 */
public final class CanaryRolloutStatusStore implements RolloutStore {

  private static final String REJECTED = "invalid spec: ";

  private final CanaryRollouts rollouts;
  private final int ledgerSize;
  private final Clock clock;

  /**
   * @param ledgerSize decisions kept in {@code status.ledger}, 1 to 50 (the CRD's bound)
   */
  public CanaryRolloutStatusStore(CanaryRollouts rollouts, int ledgerSize, Clock clock) {
    this.rollouts = rollouts;
    this.ledgerSize = ledgerSize;
    this.clock = clock;
  }

  @Override
  public Future<Optional<RolloutStatus>> read(CanaryRef ref) {
    return rollouts
        .read(ref, found -> parse(ref, found))
        .recover(failure -> Future.failedFuture(storeFailure(ref, "read status", failure)));
  }

  private static Optional<RolloutStatus> parse(
      CanaryRef ref, Optional<CanaryRolloutResource> found) {
    CanaryRolloutResource resource =
        found.orElseThrow(
            () -> new RolloutStoreException(ref + ": read status failed: not found", null));
    if (StatusJson.unwritten(resource.status()) || onlyRejected(resource.status())) {
      return Optional.empty();
    }
    try {
      return Optional.of(StatusJson.read(resource.status()));
    } catch (RuntimeException e) {
      throw new RolloutStoreException(ref + ": read status failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Future<Void> write(CanaryRef ref, Optional<RolloutStatus> read, RolloutStatus status) {
    Instant now = clock.instant();
    return rollouts
        .updateStatus(ref, current -> next(current, read, status, now))
        .recover(failure -> Future.failedFuture(storeFailure(ref, "write status", failure)))
        .mapEmpty();
  }

  /**
   * The status to write, computed from each attempt's fresh read. The condition compares only the
   * engine's fields with what the tick read, not the resourceVersion: a 409 caused by a write that
   * left them alone (status.resolved, a SpecValid condition, a spec or annotation edit) must keep
   * being retried on top of the new object, or any busy writer could make Theseus drop its own
   * valid progress forever. A change of the engine's fields means another replica (or an override)
   * decided since: the write is refused and the tick's decision dropped. Finding this very status
   * already stored is a repeat after a lost response, which writes nothing.
   */
  private JsonObject next(
      CanaryRolloutResource current,
      Optional<RolloutStatus> read,
      RolloutStatus status,
      Instant now) {
    JsonElement stored = engineFields(parse(current.ref(), Optional.of(current)));
    if (!stored.equals(engineFields(read)) && !stored.equals(engineFields(Optional.of(status)))) {
      throw new StaleStatusException(
          current.ref()
              + ": write status refused: the status changed since this tick read it (now "
              + current.status().get("phase")
              + ", weight "
              + current.status().get("weight")
              + "); another replica or an override wrote it, so this tick's decision is dropped");
    }
    JsonObject s = StatusJson.write(current.status(), status, current.generation());
    StatusEntries.appendDecision(s, status, now, ledgerSize);
    StatusConditions.set(s, StatusEntries.SPEC_VALID, true, "Valid", "spec accepted", now);
    return s;
  }

  /**
   * The engine's fields in their stored form (a reason cut as stored), JSON null when unwritten.
   */
  private static JsonElement engineFields(Optional<RolloutStatus> status) {
    return status
        .<JsonElement>map(s -> StatusJson.write(new JsonObject(), s, 0))
        .orElse(JsonNull.INSTANCE);
  }

  /**
   * Marks a rollout whose spec cannot be used as {@code Failed}, with a {@code SpecValid=False}
   * condition listing the problems (one per line, each naming its field). A rollout that already
   * ran is left to its own phase: a bad edit mid-rollout must not abandon traffic where it is.
   */
  public Future<Void> rejectSpec(CanaryRef ref, List<String> problems) {
    Instant now = clock.instant();
    String message = String.join("\n", problems);
    return rollouts
        .updateStatus(ref, current -> rejected(current, message, now))
        .recover(failure -> Future.failedFuture(storeFailure(ref, "write status", failure)))
        .mapEmpty();
  }

  /**
   * A status that only records a rejected spec (the rollout never started): once the spec is usable
   * (fixed, or a Deployment it reads a version from appeared) the rollout starts afresh.
   */
  private static boolean onlyRejected(JsonObject s) {
    return RolloutPhase.FAILED.display().equals(s.get("phase").getAsString())
        && s.has("reason")
        && s.get("reason").getAsString().startsWith(REJECTED)
        && !s.has("ledger");
  }

  private static JsonObject rejected(CanaryRolloutResource current, String message, Instant now) {
    JsonObject s = current.status().deepCopy();
    if (StatusJson.unwritten(s)) {
      RolloutStatus failed =
          RolloutStatus.created(now).enter(RolloutPhase.FAILED, now, REJECTED + message);
      s = StatusJson.write(s, failed, current.generation());
    }
    StatusConditions.set(s, StatusEntries.SPEC_VALID, false, "InvalidSpec", message, now);
    return s;
  }

  private static RolloutStoreException storeFailure(CanaryRef ref, String action, Throwable t) {
    return t instanceof RolloutStoreException known
        ? known
        : new RolloutStoreException(ref + ": " + action + " failed: " + t.getMessage(), t);
  }
}
