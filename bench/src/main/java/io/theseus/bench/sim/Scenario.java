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
 * @param independent diagnostic only: requests independent (no pod or shared time effects)
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
    boolean independent,
    int incidentMinute) {

  /** The scenarios of the benchmark, in report order. */
  public static List<Scenario> all(TrafficModel model) {
    double p0 = model.errorRate();
    return List.of(
        new Scenario("aa", "A/A plain", true, 1, p0, 1, 0, false, 0),
        new Scenario(
            "aa-incident",
            "A/A, an incident hits both versions in minutes 3-8",
            true,
            1,
            p0,
            1,
            0,
            false,
            3),
        new Scenario(
            "aa-split", "A/A, split 1.3% actual vs 1% nominal", true, 1.3, p0, 1, 0, false, 0),
        new Scenario(
            "aa-zero", "A/A, canary gets zero traffic (no data)", true, 0, p0, 1, 0, false, 0),
        new Scenario("err-0.5", "errors 0.1% -> 0.5%", false, 1, 0.005, 1, 0, false, 0),
        new Scenario("err-1", "errors 0.1% -> 1%", false, 1, 0.01, 1, 0, false, 0),
        new Scenario(
            "p99-tail-25",
            "p99 +25%, tail only (median unchanged)",
            false,
            1,
            p0,
            1,
            0.25,
            false,
            0),
        new Scenario(
            "latency-10", "whole latency distribution +10%", false, 1, p0, 1.1, 0, false, 0),
        new Scenario(
            "aa-iid",
            "diagnostic: A/A with independent requests (no pod or time effects)",
            true,
            1,
            p0,
            1,
            0,
            true,
            0));
  }
}
