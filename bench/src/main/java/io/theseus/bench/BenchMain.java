package io.theseus.bench;

import io.theseus.bench.run.Cell;
import io.theseus.bench.run.Contender;
import io.theseus.bench.run.Report;
import io.theseus.bench.run.Runner;
import io.theseus.bench.run.Targets;
import io.theseus.bench.run.Tuning;
import io.theseus.bench.sim.Scenario;
import io.theseus.bench.sim.TrafficModel;
import io.theseus.config.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Entry point of {@code bench/run}: runs the decision-quality benchmark and prints the report. */
public final class BenchMain {

  private BenchMain() {}

  /** Runs the benchmark; exit code 2 on bad options or a bad analysis config. */
  public static void main(String[] args) throws IOException {
    Options options;
    TrafficModel model;
    List<Scenario> scenarios;
    Subject subject;
    try {
      options = Options.parse(args);
      model = options.model();
      scenarios = select(Scenario.all(model), options.scenarios());
      subject = Subject.load(options.analysis());
    } catch (IllegalArgumentException | InvalidConfigException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    long started = System.nanoTime();
    Runner runner = new Runner(model);
    Scenario aa = Scenario.all(model).get(0);
    Tuning tuning = new Tuning(runner, aa, options.calibrationSeeds(), subject.alpha());
    List<Contender> judges = new ArrayList<>(subject.judges());
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
            "theseus: "
                + subject.file()
                + " (interval "
                + subject.config().interval()
                + ", steps "
                + subject.config().steps()
                + ", stepDeadline "
                + subject.config().stepDeadline()
                + ", alpha "
                + subject.alpha()
                + ")",
            "workload: " + model));
    scenarios.forEach(s -> report.scenario(s, results.get(s.name())));
    report.line(
        "### Tuned peers (target A/A false-rollback rate " + Report.pct(subject.alpha()) + ")");
    report.line("").bullets(tuning.notes());
    report.line("### Targets").line("");
    Targets targets = new Targets(subject.name(), subject.alpha(), model, results);
    return report.table("target", "result", targets.evaluate(scenarios));
  }

  private static List<Scenario> select(List<Scenario> all, List<String> names) {
    for (String name : names) {
      if (all.stream().noneMatch(s -> s.name().equals(name))) {
        throw new IllegalArgumentException("--scenario: unknown scenario " + name);
      }
    }
    return names.isEmpty() ? all : all.stream().filter(s -> names.contains(s.name())).toList();
  }
}
