package io.theseus.daemon;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.theseus.kube.CanaryRolloutResource;
import io.theseus.kube.KubeEvents;
import io.theseus.rollout.CanaryRef;
import io.theseus.store.kube.StatusConditions;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a CanaryRollout's author when the daemon does not act on its current spec: condition {@code
 * SpecApplied=False} (a separate type, since every tick rewrites {@code SpecValid=True} for the
 * spec the controller runs) and a Warning Event, once per generation and cause. Causes: a running
 * rollout whose spec became unusable (an edit, or its analysis config file gone) goes on with its
 * last valid generation; a finished rollout whose spec was edited does not restart. A spec that
 * cannot start is marked Failed with {@code SpecValid=False} by the status store, plus the Event.
 * Called on the supervisor's context; write outcomes may arrive off it (hence concurrent maps).
 */
final class SpecNotices {

  /** The condition type. */
  static final String TYPE = "SpecApplied";

  private static final Logger LOG = LoggerFactory.getLogger(SpecNotices.class);

  private final BiFunction<CanaryRef, List<String>, Future<Void>> rejectSpec;
  private final BiFunction<CanaryRef, Function<CanaryRolloutResource, JsonObject>, Future<?>>
      updateStatus;
  private final KubeEvents events;
  private final Clock clock;

  /** What was last told per rollout ({@code generation cause}), so a pass does not repeat it. */
  private final Map<CanaryRef, String> told = new ConcurrentHashMap<>();

  /** The generation whose rejection each rollout's status records. */
  private final Map<CanaryRef, Long> rejected = new ConcurrentHashMap<>();

  /** Writes through {@code ports}' rejectSpec, updateStatus and events. */
  SpecNotices(SupervisorPorts ports, Clock clock) {
    this.rejectSpec = ports.rejectSpec();
    this.updateStatus = ports.updateStatus();
    this.events = ports.events();
    this.clock = clock;
  }

  /** The rollout goes on with generation {@code runs}: the current spec cannot be used. */
  void held(CanaryRolloutResource r, long runs, List<String> problems) {
    tell(
        r,
        "InvalidSpec",
        ("generation %d cannot be used (%s): the rollout goes on with the spec it loaded from"
                + " generation %d until it ends or the spec is fixed")
            .formatted(r.generation(), String.join("; ", problems), runs));
  }

  /** The rollout ended under an earlier generation; its spec was edited since. */
  void finishedEdited(CanaryRolloutResource r) {
    tell(
        r,
        "RolloutFinished",
        ("the rollout ended (%s) before generation %d: a finished rollout does not restart on a"
                + " spec edit; create a new CanaryRollout for the next release")
            .formatted(r.status().get("phase").getAsString(), r.generation()));
  }

  /**
   * Marks a rollout that never ran (or whose controller this daemon does not run) Failed with
   * {@code SpecValid=False} listing the problems, plus a Warning Event, once per generation.
   */
  void rejected(CanaryRolloutResource r, List<String> problems) {
    CanaryRef ref = r.ref();
    if (Long.valueOf(r.generation()).equals(rejected.get(ref))) {
      return;
    }
    String message = String.join("; ", problems);
    LOG.warn("{}: invalid spec: {}", ref, message);
    rejectSpec
        .apply(ref, problems)
        .onSuccess(
            v -> {
              rejected.put(ref, r.generation());
              event(r, "InvalidSpec", message);
            })
        .onFailure(e -> LOG.warn("{}: recording the invalid spec failed: {}", ref, e.getMessage()));
  }

  /** Clears an earlier notice: the controller runs the current generation. */
  void applied(CanaryRolloutResource r) {
    rejected.remove(r.ref());
    if (!saysFalse(r.status())) {
      told.remove(r.ref());
      return;
    }
    String key = r.generation() + " Applied";
    if (!key.equals(told.put(r.ref(), key))) {
      write(r, true, "Applied", "generation " + r.generation() + " runs");
    }
  }

  /** Forgets rollouts no longer listed, or all of them when leadership is lost. */
  void retain(Set<CanaryRef> listed) {
    told.keySet().retainAll(listed);
    rejected.keySet().retainAll(listed);
  }

  private void tell(CanaryRolloutResource r, String cause, String message) {
    String key = r.generation() + " " + cause;
    if (key.equals(told.put(r.ref(), key))) {
      return;
    }
    LOG.warn("{}: {}", r.ref(), message);
    write(r, false, cause, message);
    event(r, cause, message);
  }

  private void write(CanaryRolloutResource r, boolean ok, String reason, String message) {
    String key = told.get(r.ref());
    updateStatus
        .apply(r.ref(), current -> condition(current.status(), ok, reason, message))
        .onFailure(
            e -> {
              told.remove(r.ref(), key); // told again on the next pass
              LOG.warn("{}: recording condition {} failed: {}", r.ref(), TYPE, e.getMessage());
            });
  }

  private void event(CanaryRolloutResource r, String reason, String message) {
    events
        .record(RolloutEvents.subject(r.ref(), r.uid()), KubeEvents.Type.Warning, reason, message)
        .onFailure(e -> LOG.warn("{}: recording an Event failed: {}", r.ref(), e.getMessage()));
  }

  /** {@code status} with this condition set; its transition time moves only with its status. */
  private JsonObject condition(JsonObject status, boolean ok, String reason, String message) {
    JsonObject s = status.deepCopy();
    StatusConditions.set(s, TYPE, ok, reason, message, clock.instant());
    return s;
  }

  private static boolean saysFalse(JsonObject status) {
    return status.has("conditions")
        && status.getAsJsonArray("conditions").asList().stream()
            .map(JsonElement::getAsJsonObject)
            .anyMatch(
                c ->
                    TYPE.equals(c.get("type").getAsString())
                        && "False".equals(c.get("status").getAsString()));
  }
}
