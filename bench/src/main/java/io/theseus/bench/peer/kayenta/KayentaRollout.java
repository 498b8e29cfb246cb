package io.theseus.bench.peer.kayenta;

import io.theseus.analysis.Version;
import io.theseus.bench.run.Rollout;
import io.theseus.bench.sim.TickData;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Kayenta judging a canary held at a fixed 1% weight (Kayenta moves no traffic): one point per
 * minute for the canary and the baseline (the stable fleet) of two metrics, error rate and p99
 * latency, both {@code direction=increase}; a judgement every interval over all points so far; an
 * interim score at or below marginal stops the run, and the final judgement needs {@code pass}
 * (stats.md section 1.6).
 */
public final class KayentaRollout implements Rollout {

  private final KayentaSettings settings;
  private final MetricClassifier classifier;
  private final SplittableRandom noise;
  private final List<double[]> points = new ArrayList<>();

  /** A run with its own noise stream for Kayenta's constant-array jitter. */
  public KayentaRollout(KayentaSettings settings, long seed) {
    this.settings = settings;
    this.classifier =
        new MetricClassifier(settings.confLevel(), "increase", settings.allowedIncrease(), 1.0);
    this.noise = new SplittableRandom(seed ^ 0x5DEECE66DL);
  }

  @Override
  public int weight() {
    return 1;
  }

  @Override
  public int maxTicks() {
    return settings.lifetimeMinutes();
  }

  @Override
  public Action observe(TickData tick) {
    points.add(
        new double[] {
          tick.errorRate(Version.CANARY), tick.errorRate(Version.STABLE),
          tick.p99Ms(Version.CANARY), tick.p99Ms(Version.STABLE)
        });
    int minute = (int) Math.round(tick.minutes());
    if (minute % settings.intervalMinutes() != 0) {
      return Action.CONTINUE;
    }
    double score = Scorer.score(List.of(classify(0), classify(2)));
    if (minute < settings.lifetimeMinutes()) {
      return score <= settings.marginal() ? Action.ROLLBACK : Action.CONTINUE;
    }
    boolean fails = score <= settings.marginal() || score < settings.pass();
    return fails ? Action.ROLLBACK : Action.PROMOTE;
  }

  private Classification classify(int column) {
    double[] canary = points.stream().mapToDouble(p -> p[column]).toArray();
    double[] baseline = points.stream().mapToDouble(p -> p[column + 1]).toArray();
    return classifier.classify(canary, baseline, noise);
  }
}
