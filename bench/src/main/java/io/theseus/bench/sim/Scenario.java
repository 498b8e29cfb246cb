package io.theseus.bench.sim;

import java.util.List;

/**
 * What differs between the canary and the stable version in one benchmark scenario.
 *
 * @param name short identifier used on the command line and in the report
 * @param title one-line description for the report
 * @param healthy true for A/A scenarios: any rollback is a false rollback
 * @param splitFactor actual canary share divided by the nominal weight (1.3 = split mismatch)
 * @param canaryErrorRate the canary's error probability per request
 * @param latencyScale multiplies every canary latency (1.1 = whole distribution +10%)
 * @param p99Increase relative p99 increase produced by stretching only the canary's Pareto tail
 * @param dependence which of the workload's dependence effects the scenario keeps (all but in the
 *     diagnostic scenarios)
 * @param incidentMinute first minute of a forced 6-minute incident on both versions, 0 for none
 */
public record Scenario(
    String name,
    String title,
    boolean healthy,
    double splitFactor,
    double canaryErrorRate,
    double latencyScale,
    double p99Increase,
    Dependence dependence,
    int incidentMinute) {

  /** Which dependence effects of the workload a scenario keeps. */
  public enum Dependence {
    /** Pod effects and shared time effects, as in production (every target scenario). */
    ALL,
    /** Diagnostic: independent requests, no pod and no shared time effects. */
    NONE,
    /** Diagnostic: per-pod effects only, no shared time effects. */
    PODS,
    /** Diagnostic: shared time effects (load, noise, incidents) only, no pod effects. */
    SHARED;

    /** The workload with only the kept effects. */
    TrafficModel apply(TrafficModel model) {
      return switch (this) {
        case ALL -> model;
        case NONE -> model.independent();
        case PODS -> model.withoutTimeEffects();
        case SHARED -> model.withoutPodEffects();
      };
    }
  }

  /** The scenarios of the benchmark, in report order. */
  public static List<Scenario> all(TrafficModel model) {
    double p0 = model.errorRate();
    return List.of(
        new Scenario("aa", "A/A plain", true, 1, p0, 1, 0, Dependence.ALL, 0),
        new Scenario(
            "aa-incident",
            "A/A, an incident hits both versions in minutes 3-8",
            true,
            1,
            p0,
            1,
            0,
            Dependence.ALL,
            3),
        new Scenario(
            "aa-split",
            "A/A, split 1.3% actual vs 1% nominal",
            true,
            1.3,
            p0,
            1,
            0,
            Dependence.ALL,
            0),
        new Scenario(
            "aa-zero",
            "A/A, canary gets zero traffic (no data)",
            true,
            0,
            p0,
            1,
            0,
            Dependence.ALL,
            0),
        new Scenario("err-0.5", "errors 0.1% -> 0.5%", false, 1, 0.005, 1, 0, Dependence.ALL, 0),
        new Scenario("err-1", "errors 0.1% -> 1%", false, 1, 0.01, 1, 0, Dependence.ALL, 0),
        new Scenario(
            "p99-tail-25",
            "p99 +25%, tail only (median unchanged)",
            false,
            1,
            p0,
            1,
            0.25,
            Dependence.ALL,
            0),
        new Scenario(
            "latency-10",
            "whole latency distribution +10%",
            false,
            1,
            p0,
            1.1,
            0,
            Dependence.ALL,
            0),
        new Scenario(
            "aa-iid",
            "diagnostic: A/A with independent requests (no pod or time effects)",
            true,
            1,
            p0,
            1,
            0,
            Dependence.NONE,
            0),
        new Scenario(
            "aa-pods",
            "diagnostic: A/A with per-pod effects only (no shared time effects)",
            true,
            1,
            p0,
            1,
            0,
            Dependence.PODS,
            0),
        new Scenario(
            "aa-shared",
            "diagnostic: A/A with shared time effects and incidents only (no pod effects)",
            true,
            1,
            p0,
            1,
            0,
            Dependence.SHARED,
            0));
  }
}
