package io.theseus.analysis;

import io.theseus.stats.BetaMixture;
import io.theseus.stats.BetaPrior;
import io.theseus.stats.Interval;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The second way a histogram metric proves non-inferiority: the share of canary requests slower
 * than the cut at the stable's captured quantile bucket ({@code x*}) is at most what the stable
 * would have there if all its latencies were {@code 1 + w} times longer, {@code w} the tolerance's
 * relative width: the stable's share slower than {@code x* / (1 + w)}, interpolated log-log between
 * its bucket bounds (Pareto-like tails are straight lines there) and taken at the stable's upper
 * confidence bound, so the band widens with the captured noise like the quantile band. It resolves
 * at the cut, not at the next bucket bound: with Istio's 250 → 500 ms buckets and a limit near 300
 * ms the quantile bound needs the canary's share above 250 ms below 1%, this one below the stable's
 * share above 208 ms (about 1.1% in the benchmark's traffic).
 *
 * <p>The proof is a one-sided e-value for "the canary's share slower than the cut is below the
 * limit" ({@link BetaMixture#logEBelow}, a Beta prior centred on the limit and truncated below it):
 * the limit is fixed at capture, so this tests one fixed null, and puts all of the route's alpha on
 * the one side that can pass.
 *
 * @param cut the bucket bound {@code x*}
 * @param share the canary's share of requests slower than the cut (point figure)
 * @param limit the largest share that passes: the scaled stable's share, or {@code 1 − quantile}
 *     when larger (a share at or below it proves the quantile itself at or below the cut)
 * @param logE log e-value for "the canary's share is below the limit"
 * @param logThreshold the log e-value that proves it, {@code ln(1/alpha)}
 */
record SlowShare(double cut, double share, double limit, double logE, double logThreshold) {

  /** The canary's slow share against {@code limit}, proved at level {@code alpha}. */
  static SlowShare of(Tally canary, double cut, double limit, double alpha) {
    long slower = slower(canary, cut);
    double logE = BetaMixture.logEBelow(slower, canary.n(), limit, BetaPrior.centredOn(limit));
    return new SlowShare(cut, (double) slower / canary.n(), limit, logE, Math.log(1 / alpha));
  }

  /** True when the e-value proves the canary's share below the limit. */
  boolean proved() {
    return logE >= logThreshold;
  }

  /**
   * The stable's share slower than {@code cut / (1 + width)} at its upper bound ({@code alpha}), or
   * NaN when the stable has no requests or the cut is not positive.
   */
  static double scaledStableShare(Tally stable, double cut, double width, double alpha) {
    double target = cut / (1 + width);
    double[] bounds = stable.bounds();
    if (stable.n() == 0 || !(cut > 0) || bounds.length == 0) {
      return Double.NaN;
    }
    double below = 0;
    double above = bounds[bounds.length - 1];
    for (double le : bounds) {
      if (le < target) {
        below = le;
      } else {
        above = Math.min(above, le);
      }
    }
    double atBelow = upperShare(stable, below, alpha);
    double atAbove = upperShare(stable, above, alpha);
    if (below <= 0) {
      return atAbove; // no bucket bound below the target: assume nothing between
    }
    if (!Double.isFinite(above)) {
      return atBelow;
    }
    if (atAbove <= 0) {
      double fraction = (target - below) / (above - below);
      return atBelow + fraction * (atAbove - atBelow);
    }
    double fraction = Math.log(target / below) / Math.log(above / below);
    return Math.exp(Math.log(atBelow) + fraction * (Math.log(atAbove) - Math.log(atBelow)));
  }

  /**
   * The stable's local tail index at {@code cut}: the slope of {@code −ln(share slower than x)}
   * over {@code ln x} between the next lower bucket bound and the cut, from the point shares (a
   * Pareto tail of index {@code a} has slope {@code a}). NaN when the stable has no request above
   * the cut, no positive bucket bound below it, or the cut is not a number.
   */
  static double tailIndex(Tally stable, double cut) {
    double below = Double.NaN;
    for (double le : stable.bounds()) {
      below = le > 0 && le < cut ? le : below;
    }
    long aboveCut = slower(stable, cut);
    if (Double.isNaN(below) || aboveCut == 0) {
      return Double.NaN;
    }
    return Math.log((double) slower(stable, below) / aboveCut) / Math.log(cut / below);
  }

  /** Confidence bounds on the share of requests slower than {@code cut}. */
  static Interval shareSlowerThan(Tally tally, double cut, double alpha) {
    return BetaMixture.interval(slower(tally, cut), tally.n(), alpha, BetaPrior.RATE_GRID);
  }

  private static double upperShare(Tally tally, double cut, double alpha) {
    return shareSlowerThan(tally, cut, alpha).upper();
  }

  /** Requests of {@code tally} slower than {@code cut} (in buckets above it). */
  static long slower(Tally tally, double cut) {
    long slower = 0;
    for (Map.Entry<Double, Long> bucket : tally.buckets().entrySet()) {
      slower += bucket.getKey() > cut ? bucket.getValue() : 0;
    }
    return slower;
  }

  /** The cut at the stable's quantile bucket: the largest of the e-process cut points. */
  static double quantileCut(List<Double> cuts) {
    return cuts.isEmpty() ? Double.NaN : Collections.max(cuts);
  }
}
