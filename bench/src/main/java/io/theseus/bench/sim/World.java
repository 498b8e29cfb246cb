package io.theseus.bench.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The random state of one seed that does not depend on the scenario or the judge: pod effects, the
 * diurnal phase, the per-minute latency noise and the incident bursts. Every judge and every
 * scenario sees the same world for the same seed (common random numbers).
 */
final class World {

  /** Length of a scenario's forced incident. */
  static final int FORCED_MINUTES = 6;

  /** Long enough for the slowest judge schedule; later minutes reuse the last value. */
  static final int MAX_MINUTES = 600;

  final double[] stablePodEffects;
  final double[] canaryPodEffects;
  private final double phaseMinutes;
  private final double[] noise = new double[MAX_MINUTES + 1];
  private final boolean[] incident = new boolean[MAX_MINUTES + 1];
  private final TrafficModel.TimeEffects time;

  World(TrafficModel model, long seed, int forcedIncidentMinute) {
    SplittableRandom rnd = new SplittableRandom(seed);
    this.time = model.timeEffects();
    this.stablePodEffects = podEffects(rnd, model.stablePods(), model.podSigma());
    this.canaryPodEffects = podEffects(rnd, model.canaryPods(), model.podSigma());
    this.phaseMinutes = rnd.nextDouble() * 1440;
    fillNoise(rnd);
    fillIncidents(rnd);
    if (forcedIncidentMinute > 0) {
      Arrays.fill(incident, forcedIncidentMinute, forcedIncidentMinute + FORCED_MINUTES, true);
    }
  }

  /** Relative request load at a minute (1 = average). */
  double load(int minute) {
    return 1 + time.diurnalAmplitude() * Math.sin(2 * Math.PI * (minute + phaseMinutes) / 1440);
  }

  /** The shared shift of log latency at a minute: load, autocorrelated noise, incidents. */
  double logLatencyShift(int minute) {
    int m = Math.min(minute, MAX_MINUTES);
    double shift = time.loadLatency() * (load(minute) - 1) + noise[m];
    return incident[m] ? shift + time.incidentLogLatency() : shift;
  }

  /** Multiplier of every version's error rate at a minute. */
  double errorFactor(int minute) {
    return incident[Math.min(minute, MAX_MINUTES)] ? time.incidentErrorFactor() : 1;
  }

  private static double[] podEffects(SplittableRandom rnd, int pods, double sigma) {
    double[] effects = new double[pods];
    for (int i = 0; i < pods; i++) {
      effects[i] = sigma * Sampling.gaussian(rnd);
    }
    return effects;
  }

  private void fillNoise(SplittableRandom rnd) {
    double rho = time.noiseAutocorrelation();
    double x = time.noiseSigma() / Math.sqrt(1 - rho * rho) * Sampling.gaussian(rnd);
    for (int m = 0; m <= MAX_MINUTES; m++) {
      noise[m] = x;
      x = rho * x + time.noiseSigma() * Sampling.gaussian(rnd);
    }
  }

  /** Poisson arrivals from before the run starts, so a run may begin inside an incident. */
  private void fillIncidents(SplittableRandom rnd) {
    double t = -time.incidentMaxMinutes();
    while (true) {
      t += -Math.log(1 - rnd.nextDouble()) / time.incidentsPerMinute();
      if (t > MAX_MINUTES) {
        return;
      }
      int span = time.incidentMinMinutes();
      span += rnd.nextInt(time.incidentMaxMinutes() - time.incidentMinMinutes() + 1);
      for (int m = (int) Math.ceil(t); m < t + span && m <= MAX_MINUTES; m++) {
        if (m >= 0) {
          incident[m] = true;
        }
      }
    }
  }
}
