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

  /**
   * Why the last window ended the rollout, for judges that say: {@code "verdict:<metrics>"} when
   * metrics were judged a regression (names joined by +), {@code "deadline"} when a step ran out of
   * time without a verdict.
   */
  default String cause() {
    return "";
  }

  /** Length of the judge's analysis interval, one window per interval. */
  default int tickSeconds() {
    return 60;
  }

  /** The last window the judge's own schedule allows; undecided by then counts as inconclusive. */
  int maxTicks();
}
