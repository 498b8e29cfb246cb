package io.theseus.bench;

import io.theseus.bench.run.Cell;
import io.theseus.bench.run.Judge;
import io.theseus.bench.run.Report;
import io.theseus.bench.run.Runner;
import io.theseus.bench.run.Targets;
import io.theseus.bench.run.Tuning;
import io.theseus.bench.sim.Scenario;
import io.theseus.bench.sim.TrafficModel;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Entry point of {@code bench/run}: runs the decision-quality benchmark and prints the report. */
public final class BenchMain {

  private BenchMain() {}

  /** Runs the benchmark; exit code 2 on bad options. */
  public static void main(String[] args) throws IOException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    long started = System.nanoTime();
    TrafficModel model = TrafficModel.standard();
    Runner runner = new Runner(model);
    List<Scenario> scenarios = select(Scenario.all(model), options.scenarios());
    Subject subject = Subject.standard();
    Scenario aa = Scenario.all(model).get(0);
    Tuning tuning = new Tuning(runner, aa, options.calibrationSeeds(), subject.alpha());
    List<Judge> judges = new ArrayList<>(subject.judges());
    judges.addAll(Benchmark.defaultPeers());
    judges.addAll(Benchmark.tunedPeers(tuning));
    Map<String, List<Cell>> results = new Benchmark(runner, options).run(scenarios, judges);
    Report report = render(options, model, scenarios, results, tuning, subject);
    report.line(String.format("Wall time: %.0f s.", (System.nanoTime() - started) / 1e9));
    System.out.print(report);
    Files.createDirectories(options.out().toAbsolutePath().getParent());
    Files.writeString(options.out(), report.toString());
  }

  private static Report render(
      Options options,
      TrafficModel model,
      List<Scenario> scenarios,
      Map<String, List<Cell>> results,
      Tuning tuning,
      Subject subject) {
    Report report = new Report();
    report.line("## Results (" + Instant.now() + ")").line("");
    report.bullets(
        List.of(
            options.seeds()
                + " evaluation seeds per scenario and judge; "
                + options.calibrationSeeds()
                + " disjoint calibration seeds (plain A/A) for tuning",
            Runtime.getRuntime().availableProcessors()
                + " cores, Java "
                + System.getProperty("java.version"),
            "workload: " + model));
    scenarios.forEach(s -> report.scenario(s, results.get(s.name())));
    report
        .line(
            "### Tuned peers (target A/A false-rollback rate " + Report.pct(subject.alpha()) + ")")
        .line("");
    report.bullets(tuning.notes());
    report.line("### Targets").line("");
    Targets targets = new Targets(subject.name(), subject.alpha(), model.errorRate(), results);
    return report.table("target", "result", targets.evaluate(scenarios));
  }

  private static List<Scenario> select(List<Scenario> all, List<String> names) {
    if (names.isEmpty()) {
      return all;
    }
    for (String name : names) {
      if (all.stream().noneMatch(s -> s.name().equals(name))) {
        throw new IllegalArgumentException("unknown scenario " + name);
      }
    }
    return all.stream().filter(s -> names.contains(s.name())).toList();
  }
}
