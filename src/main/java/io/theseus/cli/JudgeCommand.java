package io.theseus.cli;

import io.theseus.analysis.Decision;
import io.theseus.analysis.Judge;
import io.theseus.analysis.JudgeState;
import io.theseus.analysis.TickEvidence;
import io.theseus.config.AnalysisConfig;
import io.theseus.config.InvalidConfigException;
import io.theseus.yaml.AnalysisConfigFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code theseus judge --analysis FILE --evidence FILE}: replays recorded evidence through the
 * judge, one JSON line per tick, stopping at the first ROLLBACK or PROMOTE.
 */
@Command(
    name = "judge",
    mixinStandardHelpOptions = true,
    description = {
      "Replays recorded evidence through the judge; one JSON decision per tick (JSON lines).",
      "The weight of each tick decides its step. Format and formulas: docs/judge.md.",
      "Exit status: 0 promoted, 3 rolled back, 4 still inconclusive or holding at the end"
          + " (or paused), 2 bad input (the message names the tick and field)."
    })
final class JudgeCommand implements Callable<Integer> {

  static final int EXIT_PROMOTED = 0;
  static final int EXIT_ROLLED_BACK = 3;
  static final int EXIT_UNDECIDED = 4;

  @Spec CommandSpec spec;

  @Option(
      names = "--analysis",
      required = true,
      paramLabel = "FILE",
      description = "Analysis config YAML (metrics, steps, alpha, tolerances).")
  Path analysis;

  @Option(
      names = "--evidence",
      required = true,
      paramLabel = "FILE",
      description = "Evidence JSON: per tick, counts per metric and version.")
  Path evidence;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    AnalysisConfig config;
    List<TickEvidence> ticks;
    try {
      config = AnalysisConfigFiles.load(analysis);
      ticks = EvidenceFile.read(evidence, config);
    } catch (InvalidConfigException | EvidenceException e) {
      err.println("theseus judge: " + e.getMessage());
      return TheseusCli.EXIT_USAGE;
    }
    return replay(config, ticks, spec.commandLine().getOut(), err);
  }

  private static int replay(
      AnalysisConfig config, List<TickEvidence> ticks, PrintWriter out, PrintWriter err) {
    Judge judge = new Judge();
    JudgeState state = JudgeState.initial();
    Decision decision = null;
    for (int i = 0; i < ticks.size(); i++) {
      int weight = ticks.get(i).weight();
      if (decision != null && weight > decision.targetWeight()) {
        // The engine never moves past the step the judge allows; a file that does would promote
        // a canary without the proofs of the steps it skipped.
        out.flush();
        err.printf(
            "theseus judge: ticks[%d].weight: %d skips steps the judge has not passed (its decision"
                + " at ticks[%d] allows at most %d)%n",
            i, weight, i - 1, decision.targetWeight());
        return TheseusCli.EXIT_USAGE;
      }
      decision = judge.decide(config, state, ticks.get(i));
      state = decision.state();
      out.println(DecisionJson.line(i, ticks.get(i), decision));
      if (decision.kind() == Decision.Kind.ROLLBACK || decision.kind() == Decision.Kind.PROMOTE) {
        break;
      }
    }
    out.flush();
    err.println("theseus judge: " + decision.kind() + ": " + decision.reason());
    return switch (decision.kind()) {
      case PROMOTE -> EXIT_PROMOTED;
      case ROLLBACK -> EXIT_ROLLED_BACK;
      default -> EXIT_UNDECIDED;
    };
  }
}
