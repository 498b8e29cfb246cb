package io.theseus.cli;

import io.theseus.config.ConfigProblem;
import io.theseus.yaml.AnalysisConfigFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code theseus validate FILE...}: exit 0 when every file is valid, else 1 and one line per
 * problem.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks analysis config files.",
      "Prints one line per problem: file:line:column: field.path: what is wrong (what is allowed).",
      "Exit status: 0 all valid, 1 problems found, 2 usage error."
    })
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Analysis config YAML files.")
  List<Path> files;

  @Override
  public Integer call() {
    int problems = 0;
    for (Path file : files) {
      List<ConfigProblem> found = AnalysisConfigFiles.problems(file);
      found.forEach(p -> spec.commandLine().getOut().println(p));
      problems += found.size();
    }
    if (problems > 0) {
      spec.commandLine()
          .getErr()
          .println("theseus validate: " + problems + " problem(s) in " + files.size() + " file(s)");
      return 1;
    }
    spec.commandLine().getErr().println("theseus validate: " + files.size() + " file(s) valid");
    return 0;
  }
}
