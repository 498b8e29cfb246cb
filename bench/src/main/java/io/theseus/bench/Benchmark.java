package io.theseus.bench;

import io.theseus.bench.peer.argo.ArgoRollout;
import io.theseus.bench.peer.argo.ArgoSettings;
import io.theseus.bench.peer.flagger.FlaggerRollout;
import io.theseus.bench.peer.flagger.FlaggerSettings;
import io.theseus.bench.peer.kayenta.KayentaRollout;
import io.theseus.bench.peer.kayenta.KayentaSettings;
import io.theseus.bench.run.Cell;
import io.theseus.bench.run.Contender;
import io.theseus.bench.run.RunResult;
import io.theseus.bench.run.Runner;
import io.theseus.bench.run.Tuning;
import io.theseus.bench.sim.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/** Builds the judges (peers at defaults and tuned) and runs every scenario over the seeds. */
final class Benchmark {

  private final Runner runner;
  private final Options options;

  Benchmark(Runner runner, Options options) {
    this.runner = runner;
    this.options = options;
  }

  /** The peers at their default settings. */
  static List<Contender> defaultPeers() {
    return List.of(
        new Contender("kayenta", seed -> new KayentaRollout(KayentaSettings.defaults(), seed)),
        new Contender("flagger", seed -> new FlaggerRollout(FlaggerSettings.defaults())),
        new Contender("argo", seed -> new ArgoRollout(ArgoSettings.defaults())));
  }

  /** The peers tuned on calibration seeds to {@code target} A/A false rollbacks. */
  static List<Contender> tunedPeers(Tuning tuning) {
    return List.of(
        tuning.kayenta(KayentaSettings.defaults()),
        tuning.flagger(FlaggerSettings.defaults()),
        tuning.argo(ArgoSettings.defaults()));
  }

  /** Every judge on every scenario, cells in judge order. */
  Map<String, List<Cell>> run(List<Scenario> scenarios, List<Contender> judges) {
    Map<String, List<Cell>> results = new LinkedHashMap<>();
    for (Scenario scenario : scenarios) {
      List<Cell> cells = new ArrayList<>();
      for (Contender judge : judges) {
        cells.add(evaluate(judge, scenario));
      }
      results.put(scenario.name(), cells);
      System.err.printf("bench: %s done%n", scenario.name());
    }
    return results;
  }

  private Cell evaluate(Contender judge, Scenario scenario) {
    List<RunResult> runs =
        LongStream.range(0, options.seeds())
            .parallel()
            .mapToObj(seed -> runner.run(judge, scenario, seed))
            .toList();
    return new Cell(judge.name(), runs);
  }
}
