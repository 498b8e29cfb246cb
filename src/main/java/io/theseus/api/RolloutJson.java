package io.theseus.api;

import io.theseus.analysis.JudgeState;
import io.theseus.controller.RolloutView;
import io.theseus.rollout.HookFigures;
import io.theseus.rollout.MetricLine;
import io.theseus.rollout.OverrideRecord;
import io.theseus.rollout.RolloutSpec;
import io.theseus.rollout.RolloutStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The API's JSON form of a rollout: what it does, where it is, and why. */
final class RolloutJson {

  private RolloutJson() {}

  static JsonObject of(RolloutView view) {
    RolloutSpec spec = view.spec();
    RolloutStatus status = view.status();
    return new JsonObject()
        .put("namespace", spec.ref().namespace())
        .put("name", spec.ref().name())
        .put("service", spec.service().name())
        .put("stable", spec.stable().version())
        .put("canary", spec.canary().version())
        .put("phase", status.phase().display())
        .put("weight", status.canaryWeight())
        .put("step", status.step().index())
        .put("steps", new JsonArray(spec.analysis().steps()))
        .put("reason", status.reason())
        .put("phaseSince", status.phaseSince().toString())
        .put("startedAt", status.startedAt().toString())
        .put("updated", view.updated().toString())
        .put(
            "metricsOutageSince",
            status.outageSince() == null ? null : status.outageSince().toString())
        .put("lastError", view.lastError())
        .put("analysis", analysis(status.analysis()))
        .put("tolerances", tolerances(status.analysis()))
        .put("overrides", overrides(status));
  }

  /** One recorded override: action, reason, who, when, phase before and after. */
  static JsonObject override(OverrideRecord record) {
    return new JsonObject()
        .put("action", record.action().wire())
        .put("reason", record.reason())
        .put("by", record.by())
        .put("at", record.at().toString())
        .put("phaseBefore", record.phaseBefore().display())
        .put("phaseAfter", record.phaseAfter().display());
  }

  private static JsonArray overrides(RolloutStatus status) {
    JsonArray all = new JsonArray();
    status.overrides().forEach(r -> all.add(override(r)));
    return all;
  }

  /** The tolerance band each metric captured in the first step: what later steps are held to. */
  private static JsonObject tolerances(RolloutStatus.AnalysisRecord analysis) {
    JsonObject all = new JsonObject();
    JudgeState state = analysis.judgeState();
    if (state == null) {
      return all;
    }
    state
        .captured()
        .forEach(
            (metric, t) ->
                all.put(
                    metric,
                    new JsonObject()
                        .put("limit", finite(t.limit()))
                        .put("stable", finite(t.stableValue()))
                        .put("canary", finite(t.canaryValue()))
                        .put("at", t.at().toString())));
    return all;
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }

  static JsonObject analysis(RolloutStatus.AnalysisRecord analysis) {
    JsonArray metrics = new JsonArray();
    for (MetricLine line : analysis.metrics()) {
      metrics.add(
          new JsonObject()
              .put("metric", line.metric())
              .put("verdict", line.verdict())
              .put("canary", line.canary())
              .put("stable", line.stable())
              .put("limit", line.limit())
              .put("eValue", line.eValue())
              .put("eValueThreshold", line.eValueThreshold())
              .put("reason", line.reason()));
    }
    return new JsonObject()
        .put("decision", analysis.decision())
        .put("summary", analysis.summary())
        .put("canaryRequests", analysis.canaryRequests())
        .put("metrics", metrics)
        .put("performance", performance(analysis));
  }

  /** The performance hooks' figures captured at their first run, which later steps must keep. */
  private static JsonArray performance(RolloutStatus.AnalysisRecord analysis) {
    JsonArray captured = new JsonArray();
    for (HookFigures figures : analysis.performance()) {
      captured.add(
          new JsonObject()
              .put("hook", figures.hook())
              .put("weight", figures.weight())
              .put("p95Millis", figures.p95Millis())
              .put("requests", figures.requests()));
    }
    return captured;
  }
}
