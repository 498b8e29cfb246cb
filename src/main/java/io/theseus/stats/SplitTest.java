package io.theseus.stats;

import java.util.List;

/**
 * The 2×K table e-value of stats.md §2a by universal inference: every request is a cell (version,
 * outcome bucket); given the bucket, a request is the canary's with probability {@code θ_k}. The
 * numerator mixes each {@code θ_k} over a Beta prior; the denominator is the likelihood maximised
 * over the null, so the e-value stays valid for any constant traffic split, whatever the nominal
 * weight says (a 1.3% real split under a 1% nominal one is fine). Restart it when the split
 * changes.
 *
 * <p>{@link #logE} is directional: cells are ordered from best to worst outcome (ok before error,
 * fast before slow) and the null is "the canary's share does not grow towards worse cells", which
 * holds when the canary is as good as or better than the stable. Its maximum likelihood is an
 * antitonic (pool-adjacent-violators) fit. {@link #logETwoSided} is the omnibus homogeneity test.
 */
public final class SplitTest {

  private SplitTest() {}

  /**
   * Directional log e-value: evidence that the canary lands in worse cells more than the stable.
   *
   * @param canary canary counts per cell, best cell first
   * @param stable stable counts per cell, same cells
   * @param prior Beta prior on each cell's canary share, e.g. {@link BetaPrior#centredOn} the
   *     nominal weight
   */
  public static double logE(long[] canary, long[] stable, BetaPrior prior) {
    return logE(canary, stable, List.of(prior));
  }

  /**
   * {@link #logE(long[], long[], BetaPrior)} with each cell's share mixed over an equal-weight
   * mixture of Beta priors, e.g. {@link BetaPrior#oddsGrid}: one component near the nominal split
   * for cells where the canary behaves, others for cells where it is over-represented.
   */
  public static double logE(long[] canary, long[] stable, List<BetaPrior> mixture) {
    return logEPerCell(canary, stable, java.util.Collections.nCopies(canary.length, mixture));
  }

  /**
   * {@link #logE(long[], long[], List)} with each cell's own equal-weight mixture ({@code
   * priors.get(k)} for cell {@code k}): the numerator is a product of per-cell marginal
   * likelihoods, so any prior per cell keeps the e-value valid; it only shapes power.
   */
  public static double logEPerCell(long[] canary, long[] stable, List<List<BetaPrior>> priors) {
    checkTable(canary, stable);
    return logMixture(canary, stable, priors) - logLikelihoodAntitonic(canary, stable);
  }

  /**
   * {@link #logE(long[], long[], List)} against a null widened by a tolerance: "no worse cell's
   * canary odds exceed a better cell's by more than the factor {@code e^logSlack}" (for the cells
   * [ok, error]: the canary's odds of an error are at most {@code e^logSlack} times the stable's).
   * The denominator maximises the likelihood over that larger null ({@link SlackedAntitonicFit}),
   * so the e-value stays valid for every table in it; {@code logSlack = 0} is {@link #logE(long[],
   * long[], List)} and {@code +Infinity} never exceeds 1.
   *
   * @param logSlack {@code >= 0}, the log of the allowed odds ratio between a worse and a better
   *     cell
   */
  public static double logE(
      long[] canary, long[] stable, List<BetaPrior> mixture, double logSlack) {
    if (!(logSlack >= 0)) {
      throw new IllegalArgumentException("logSlack must be >= 0, got " + logSlack);
    }
    if (logSlack == 0) {
      return logE(canary, stable, mixture);
    }
    checkTable(canary, stable);
    return logMixture(canary, stable, java.util.Collections.nCopies(canary.length, mixture))
        - SlackedAntitonicFit.maxLogLikelihood(canary, stable, logSlack);
  }

  /** Two-sided log e-value against "the canary's share is the same in every cell". */
  public static double logETwoSided(long[] canary, long[] stable, BetaPrior prior) {
    checkTable(canary, stable);
    long c = 0;
    long b = 0;
    for (int k = 0; k < canary.length; k++) {
      c += canary[k];
      b += stable[k];
    }
    double pooled = c + b == 0 ? 0 : (double) c / (c + b);
    List<List<BetaPrior>> priors = java.util.Collections.nCopies(canary.length, List.of(prior));
    return logMixture(canary, stable, priors) - BetaMixture.logLikelihood(c, b, pooled);
  }

  private static double logMixture(long[] canary, long[] stable, List<List<BetaPrior>> priors) {
    if (priors.size() != canary.length) {
      throw new IllegalArgumentException(
          "need one prior per cell, got " + priors.size() + " for " + canary.length + " cells");
    }
    double sum = 0;
    for (int k = 0; k < canary.length; k++) {
      sum += BetaMixture.logMarginal(canary[k], stable[k], priors.get(k));
    }
    return sum;
  }

  /** Max log-likelihood over non-increasing shares: pool adjacent violators, weighted by totals. */
  private static double logLikelihoodAntitonic(long[] canary, long[] stable) {
    int cells = canary.length;
    long[] blockCanary = new long[cells];
    long[] blockTotal = new long[cells];
    int blocks = 0;
    for (int k = 0; k < cells; k++) {
      long total = canary[k] + stable[k];
      if (total == 0) {
        continue;
      }
      blockCanary[blocks] = canary[k];
      blockTotal[blocks] = total;
      blocks++;
      // A later block with a higher share violates "non-increasing": merge it into the previous.
      while (blocks > 1
          && blockCanary[blocks - 1] * (double) blockTotal[blocks - 2]
              > blockCanary[blocks - 2] * (double) blockTotal[blocks - 1]) {
        blockCanary[blocks - 2] += blockCanary[blocks - 1];
        blockTotal[blocks - 2] += blockTotal[blocks - 1];
        blocks--;
      }
    }
    double sum = 0;
    for (int i = 0; i < blocks; i++) {
      double share = (double) blockCanary[i] / blockTotal[i];
      sum += BetaMixture.logLikelihood(blockCanary[i], blockTotal[i] - blockCanary[i], share);
    }
    return sum;
  }

  private static void checkTable(long[] canary, long[] stable) {
    if (canary.length != stable.length) {
      throw new IllegalArgumentException(
          "canary and stable need the same cells, got " + canary.length + " and " + stable.length);
    }
    for (int k = 0; k < canary.length; k++) {
      if (canary[k] < 0 || stable[k] < 0) {
        throw new IllegalArgumentException("cell " + k + " has a negative count");
      }
    }
  }
}
