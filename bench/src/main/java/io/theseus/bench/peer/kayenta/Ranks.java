package io.theseus.bench.peer.kayenta;

import java.util.Arrays;
import java.util.Comparator;

/** Average ranks (R's {@code rank}, ties.method = "average") and the tie term sum(t^3 - t). */
final class Ranks {

  private final double[] ranks;
  private final double tieSum;

  private Ranks(double[] ranks, double tieSum) {
    this.ranks = ranks;
    this.tieSum = tieSum;
  }

  static Ranks of(double[] values) {
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    double[] ranks = new double[values.length];
    double tieSum = 0;
    int start = 0;
    while (start < order.length) {
      int end = start;
      while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
        end++;
      }
      double average = (start + end) / 2.0 + 1;
      for (int k = start; k <= end; k++) {
        ranks[order[k]] = average;
      }
      double t = end - start + 1;
      tieSum += t * t * t - t;
      start = end + 1;
    }
    return new Ranks(ranks, tieSum);
  }

  double rank(int i) {
    return ranks[i];
  }

  double tieSum() {
    return tieSum;
  }
}
