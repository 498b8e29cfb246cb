package io.theseus.bench.peer.kayenta;

import java.util.List;

/**
 * Kayenta's weighted-sum scorer for one group of non-critical metrics (stats.md section 1.5): 100
 * times the share of PASS among PASS/HIGH/LOW, NODATA and ERROR excluded, 100 for a group with
 * nothing countable, and 0 when at least half of the metrics are NODATA.
 */
public final class Scorer {

  private Scorer() {}

  /** The summary score, rounded to 2 decimals. */
  public static double score(List<Classification> metrics) {
    long nodata = metrics.stream().filter(c -> c == Classification.NODATA).count();
    if (!metrics.isEmpty() && 2 * nodata >= metrics.size()) {
      return 0;
    }
    long pass = metrics.stream().filter(c -> c == Classification.PASS).count();
    long counted =
        metrics.stream()
            .filter(
                c ->
                    c == Classification.PASS || c == Classification.HIGH || c == Classification.LOW)
            .count();
    double score = counted == 0 ? 100 : 100.0 * pass / counted;
    return Math.round(score * 100) / 100.0;
  }
}
