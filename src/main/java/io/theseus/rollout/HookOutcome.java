package io.theseus.rollout;

/**
 * The result of running a stage's hooks: all passed, or the first failure.
 *
 * @param passed whether every hook passed
 * @param detail which hooks ran, or which failed and why
 */
public record HookOutcome(boolean passed, String detail) {

  /** Passed, naming what ran. */
  public static HookOutcome pass(String detail) {
    return new HookOutcome(true, detail);
  }

  /** Failed, naming the hook and the cause. */
  public static HookOutcome fail(String detail) {
    return new HookOutcome(false, detail);
  }
}
