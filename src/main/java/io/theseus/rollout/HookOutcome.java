package io.theseus.rollout;

import java.util.List;

/**
 * The result of running a stage's hooks: all passed, or the first failure.
 *
 * @param passed whether every hook passed
 * @param detail which hooks ran, or which failed and why
 * @param figures what the performance hooks measured (empty when none ran or one failed)
 */
public record HookOutcome(boolean passed, String detail, List<HookFigures> figures) {

  public HookOutcome {
    figures = List.copyOf(figures);
  }

  /** Passed, naming what ran. */
  public static HookOutcome pass(String detail) {
    return new HookOutcome(true, detail, List.of());
  }

  /** Failed, naming the hook and the cause. */
  public static HookOutcome fail(String detail) {
    return new HookOutcome(false, detail, List.of());
  }

  /** This outcome with the performance hooks' figures. */
  public HookOutcome withFigures(List<HookFigures> measured) {
    return new HookOutcome(passed, detail, measured);
  }
}
