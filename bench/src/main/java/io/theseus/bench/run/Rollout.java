package io.theseus.bench.run;

import io.theseus.bench.sim.TickData;

/**
 * One judge driving one simulated rollout: it picks the canary weight of the next window, reads
 * each window's data and says whether the rollout goes on or ends. Implementations are stateful and
 * single-use.
 */
public interface Rollout {

  /** What a judge does after a window. */
  enum Action {
    /** Keep going (possibly at a new weight). */
    CONTINUE,
    /** Stop and restore the stable version. */
    ROLLBACK,
    /** Stop and make the canary the new stable version. */
    PROMOTE,
    /** Stop without a verdict (Argo's Inconclusive phase pauses the rollout). */
    PAUSE
  }

  /** The nominal canary weight, in percent, for the next window. */
  int weight();

  /** Reads one window and decides. */
  Action observe(TickData tick);

  /** The last window the judge's own schedule allows; undecided by then counts as inconclusive. */
  int maxTicks();
}
