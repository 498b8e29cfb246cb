package io.theseus.bench.peer.kayenta;

import java.util.Arrays;

/** Average ranks (R's {@code rank}, ties.method = "average") and the tie term sum(t^3 - t). */
final class Ranks {

  private final double[] sorted;
  private final double[] groupRank;
  private final double tieSum;

  private Ranks(double[] sorted, double[] groupRank, double tieSum) {
    this.sorted = sorted;
    this.groupRank = groupRank;
    this.tieSum = tieSum;
  }

  /** Ranks of {@code values}; rank lookups go by value, so ties share one average rank. */
  static Ranks of(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] groupRank = new double[sorted.length];
    double tieSum = 0;
    int start = 0;
    while (start < sorted.length) {
      int end = start;
      while (end + 1 < sorted.length && sorted[end + 1] == sorted[start]) {
        end++;
      }
      Arrays.fill(groupRank, start, end + 1, (start + end) / 2.0 + 1);
      double t = end - start + 1;
      tieSum += t * t * t - t;
      start = end + 1;
    }
    return new Ranks(sorted, groupRank, tieSum);
  }

  /** The average rank of {@code value}, which must be one of the ranked values. */
  double rankOf(double value) {
    return groupRank[Arrays.binarySearch(sorted, value)];
  }

  double tieSum() {
    return tieSum;
  }
}
