package io.theseus.bench.run;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * The results of one judge on one scenario over many seeds, and the figures the report shows. Times
 * and canary requests are "censored": a run that never rolled back counts as infinitely late, so a
 * median is finite only when more than half of the runs rolled back.
 *
 * @param judge the judge's name
 * @param runs one result per seed
 */
public record Cell(String judge, List<RunResult> runs) {

  public Cell {
    runs = List.copyOf(runs);
  }

  /** Share of runs that rolled back (the false-rollback rate in A/A, the power otherwise). */
  public double rollbackRate() {
    return (double) rollbacks() / runs.size();
  }

  /** Number of runs that rolled back. */
  public long rollbacks() {
    return runs.stream().filter(RunResult::rolledBack).count();
  }

  /** Share of runs that rolled back with a {@link Rollout#cause()} starting with {@code cause}. */
  public double rollbackRate(String cause) {
    long n = runs.stream().filter(r -> r.rolledBack() && r.cause().startsWith(cause)).count();
    return (double) n / runs.size();
  }

  /** Rollbacks per cause, most frequent first. */
  public Map<String, Long> rollbackCauses() {
    Map<String, Long> counts = new TreeMap<>();
    runs.stream()
        .filter(RunResult::rolledBack)
        .forEach(r -> counts.merge(r.cause(), 1L, Long::sum));
    Map<String, Long> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** True when the judge reports causes for its decisions. */
  public boolean hasCauses() {
    return runs.stream().anyMatch(r -> !r.cause().isEmpty());
  }

  /** Share of runs that promoted the canary. */
  public double promoteRate() {
    return (double) runs.stream().filter(RunResult::promoted).count() / runs.size();
  }

  /** Share of runs that ended without a verdict. */
  public double inconclusiveRate() {
    return (double) runs.stream().filter(RunResult::inconclusive).count() / runs.size();
  }

  /** Two-sided 95% Clopper-Pearson interval of the rollback rate. */
  public double[] rollbackInterval() {
    long x = rollbacks();
    int n = runs.size();
    double lower =
        x == 0 ? 0 : new BetaDistribution(x, n - x + 1.0).inverseCumulativeProbability(0.025);
    double upper =
        x == n ? 1 : new BetaDistribution(x + 1.0, n - x).inverseCumulativeProbability(0.975);
    return new double[] {lower, upper};
  }

  /** The q-quantile of minutes to rollback, infinite when fewer than q of the runs rolled back. */
  public double minutesToRollback(double q) {
    return censoredQuantile(
        q, runs.stream().mapToDouble(r -> r.rolledBack() ? r.minutes() : inf()));
  }

  /** The q-quantile of canary requests served up to the rollback (censored like the time). */
  public double canaryRequestsToRollback(double q) {
    return censoredQuantile(
        q, runs.stream().mapToDouble(r -> r.rolledBack() ? r.canaryRequests() : inf()));
  }

  /** Median canary requests served before rollback among the runs that did roll back. */
  public double canaryRequestsWhenRolledBack() {
    double[] served =
        runs.stream()
            .filter(RunResult::rolledBack)
            .mapToDouble(RunResult::canaryRequests)
            .toArray();
    return served.length == 0 ? Double.NaN : censoredQuantile(0.5, Arrays.stream(served));
  }

  private static double inf() {
    return Double.POSITIVE_INFINITY;
  }

  /**
   * Lower empirical quantile (type 1): the smallest value with at least q of the mass at or below.
   */
  private static double censoredQuantile(double q, java.util.stream.DoubleStream values) {
    double[] sorted = values.sorted().toArray();
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, index)];
  }
}
