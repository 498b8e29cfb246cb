package io.theseus.bench.peer.flagger;

import io.theseus.analysis.Version;
import io.theseus.bench.run.Rollout;
import io.theseus.bench.sim.TickData;

/**
 * Flagger's scheduler (stats.md section 4): each interval it first rolls back if failed checks
 * reached the threshold, then checks the canary's own values against static ranges (a NaN or empty
 * result is a failed check), and on success steps the weight up, promoting once a check passes at
 * maxWeight. Failed checks never reset and do not move the weight.
 */
public final class FlaggerRollout implements Rollout {

  private final FlaggerSettings settings;
  private int weight;
  private int failedChecks;

  /** A rollout starting at the first step weight. */
  public FlaggerRollout(FlaggerSettings settings) {
    this.settings = settings;
    this.weight = settings.stepWeight();
  }

  @Override
  public int weight() {
    return weight;
  }

  /** Enough intervals to reach maxWeight plus the failed checks that still allow it. */
  @Override
  public int maxTicks() {
    return (settings.maxWeight() + settings.stepWeight() - 1) / settings.stepWeight()
        + settings.threshold();
  }

  @Override
  public Action observe(TickData tick) {
    if (failedChecks >= settings.threshold()) {
      return Action.ROLLBACK;
    }
    if (!checksPass(tick)) {
      failedChecks++;
      return Action.CONTINUE;
    }
    if (weight >= settings.maxWeight()) {
      return Action.PROMOTE;
    }
    weight = Math.min(100, weight + settings.stepWeight());
    return Action.CONTINUE;
  }

  /** NaN fails both comparisons, so no data is a failed check, as in Flagger. */
  boolean checksPass(TickData tick) {
    double successRate = tick.successRatePercent(Version.CANARY);
    double p99 = tick.p99Ms(Version.CANARY);
    return successRate >= settings.successRateMin() && p99 <= settings.durationMaxMs();
  }
}
