package io.theseus.rollout;

import io.theseus.config.AnalysisConfig;
import io.theseus.config.Direction;
import io.theseus.config.HookSpec;
import io.theseus.config.Tolerance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Compares a step's performance hook figures with the ones captured at the hook's first run (the 1%
 * step), within each hook's tolerance. Pure: the captured figures live in the rollout status.
 */
final class PerformanceBaseline {

  private final Map<String, Tolerance> tolerances;

  PerformanceBaseline(AnalysisConfig config) {
    this.tolerances =
        config.hooks().stream()
            .filter(HookSpec.HttpProbe.class::isInstance)
            .map(HookSpec.HttpProbe.class::cast)
            .collect(Collectors.toMap(HookSpec.HttpProbe::name, HookSpec.HttpProbe::tolerance));
  }

  /**
   * The step's hook outcome, failed when a figure is worse than its captured one beyond tolerance;
   * null or failed outcomes and figures with nothing captured yet pass through unchanged.
   */
  HookOutcome compare(List<HookFigures> captured, HookOutcome outcome) {
    if (outcome == null || !outcome.passed()) {
      return outcome;
    }
    for (HookFigures now : outcome.figures()) {
      Optional<String> regression = captured(captured, now.hook()).flatMap(c -> regression(c, now));
      if (regression.isPresent()) {
        return HookOutcome.fail(regression.get());
      }
    }
    return outcome;
  }

  /** {@code captured} plus the figures of hooks that ran for the first time in {@code outcome}. */
  static List<HookFigures> capture(List<HookFigures> captured, HookOutcome outcome) {
    List<HookFigures> all = new ArrayList<>(captured);
    for (HookFigures now : outcome.figures()) {
      if (captured(captured, now.hook()).isEmpty()) {
        all.add(now);
      }
    }
    return all;
  }

  private Optional<String> regression(HookFigures then, HookFigures now) {
    Tolerance tolerance = tolerances.getOrDefault(now.hook(), HookSpec.HttpProbe.DEFAULT_TOLERANCE);
    double limit = tolerance.limit(then.p95Millis(), Direction.INCREASE);
    if (now.p95Millis() <= limit) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "%s: p95 latency %.1f ms at %d%% exceeds the limit %.1f ms (captured %.1f ms at %d%%,"
                + " tolerance %s)",
            now.hook(),
            now.p95Millis(),
            now.weight(),
            limit,
            then.p95Millis(),
            then.weight(),
            describe(tolerance)));
  }

  private static Optional<HookFigures> captured(List<HookFigures> captured, String hook) {
    return captured.stream().filter(f -> f.hook().equals(hook)).findFirst();
  }

  private static String describe(Tolerance t) {
    List<String> parts = new ArrayList<>();
    if (t.relative() != null) {
      parts.add("relative " + t.relative());
    }
    if (t.absolute() != null) {
      parts.add("absolute " + t.absolute() + " ms");
    }
    return String.join(", ", parts);
  }
}
