package io.theseus.api;

import io.theseus.controller.RolloutListener;
import io.theseus.controller.RolloutView;
import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.RolloutStatus.AnalysisRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest {@link #KEPT} analysed decisions of each rollout, with their per-metric values, as
 * {@code GET /api/v1/rollouts/{namespace}/{name}} shows them under {@code decisions}. In memory
 * only: the status persists the latest decision, this adds the recent ones before it.
 */
final class DecisionHistory implements RolloutListener {

  /** Decisions kept per rollout. */
  static final int KEPT = 10;

  private final Map<CanaryRef, Recent> recent = new ConcurrentHashMap<>();

  @Override
  public void onTick(RolloutView view) {
    AnalysisRecord analysis = view.status().analysis();
    if (analysis.decision().isEmpty()) {
      return;
    }
    recent
        .computeIfAbsent(view.spec().ref(), ref -> new Recent())
        .add(analysis, RolloutJson.analysis(analysis).put("at", view.updated().toString()));
  }

  /** Newest first; empty for a rollout never analysed. */
  JsonArray of(CanaryRef ref) {
    Recent r = recent.get(ref);
    return r == null ? new JsonArray() : r.json();
  }

  private static final class Recent {
    private final Deque<JsonObject> entries = new ArrayDeque<>();
    private AnalysisRecord last;

    synchronized void add(AnalysisRecord analysis, JsonObject entry) {
      if (analysis.equals(last)) {
        return; // the same tick seen again (an override or a failed tick republishes it)
      }
      last = analysis;
      entries.addFirst(entry);
      if (entries.size() > KEPT) {
        entries.removeLast();
      }
    }

    synchronized JsonArray json() {
      JsonArray all = new JsonArray();
      entries.forEach(e -> all.add(e.copy()));
      return all;
    }
  }
}
