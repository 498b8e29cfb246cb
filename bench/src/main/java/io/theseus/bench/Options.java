package io.theseus.bench;

import io.theseus.bench.sim.TrafficModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of the benchmark.
 *
 * @param seeds evaluation seeds per scenario and judge
 * @param calibrationSeeds plain-A/A seeds used to tune the peers (a disjoint seed range)
 * @param scenarios scenario names to run, empty for all
 * @param out where the markdown report is written
 * @param analysis the Theseus analysis config judged
 * @param podSigma the per-pod standard deviation on log latency, null for the standard model's
 */
record Options(
    int seeds,
    int calibrationSeeds,
    List<String> scenarios,
    Path out,
    Path analysis,
    Double podSigma) {

  static final String USAGE =
      "usage: bench/run [--quick] [--seeds N] [--calibration-seeds N] [--scenario a,b,...]"
          + " [--out FILE] [--analysis FILE] [--pod-sigma S] | --self-test";

  /** Parses arguments; throws IllegalArgumentException naming the bad option. */
  static Options parse(String[] args) {
    // 4000 seeds: at 1000 the A/A rate's 95% interval is too wide to tell it from alpha 1%.
    int seeds = 4000;
    Integer calibration = null;
    List<String> scenarios = new ArrayList<>();
    Path out = Path.of("bench/target/report.md");
    Path analysis = Path.of("analysis-config/default.yaml");
    Double podSigma = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> {
          seeds = 200;
          calibration = 300;
        }
        case "--seeds" -> seeds = positive("--seeds", value(args, ++i));
        case "--calibration-seeds" ->
            calibration = positive("--calibration-seeds", value(args, ++i));
        case "--scenario" -> scenarios.addAll(List.of(value(args, ++i).split(",")));
        case "--out" -> out = Path.of(value(args, ++i));
        case "--analysis" -> analysis = Path.of(value(args, ++i));
        case "--pod-sigma" -> podSigma = sigma(value(args, ++i));
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
      }
    }
    int tuning = calibration == null ? Math.min(seeds, 1000) : calibration;
    return new Options(seeds, tuning, scenarios, out, analysis, podSigma);
  }

  /** The workload: the standard model, with {@code --pod-sigma} if given (a sensitivity run). */
  TrafficModel model() {
    TrafficModel standard = TrafficModel.standard();
    return podSigma == null ? standard : standard.withPodSigma(podSigma);
  }

  private static double sigma(String text) {
    try {
      double s = Double.parseDouble(text);
      if (s >= 0 && s <= 1) {
        return s;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--pod-sigma must be a number from 0 to 1, got " + text);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
    }
    return args[i];
  }

  private static int positive(String option, String text) {
    try {
      int n = Integer.parseInt(text);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " must be a positive integer, got " + text);
  }
}
