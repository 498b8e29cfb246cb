package io.theseus.bench;

import io.theseus.bench.run.Contender;
import io.theseus.bench.theseus.TheseusRollout;
import io.theseus.config.AnalysisConfig;
import io.theseus.yaml.AnalysisConfigFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * The judge under test: Theseus with an analysis config (the shipped default unless {@code
 * --analysis} names another).
 *
 * @param name the subject's judge name in the report
 * @param file the analysis config file
 * @param config the analysis config
 */
record Subject(String name, Path file, AnalysisConfig config) {

  static Subject load(Path file) {
    return new Subject("theseus", file, AnalysisConfigFiles.load(file));
  }

  /** The configured whole-rollout false-rollback bound (the peers' tuning target). */
  double alpha() {
    return config.alpha();
  }

  List<Contender> judges() {
    return List.of(new Contender(name, seed -> new TheseusRollout(config)));
  }
}
