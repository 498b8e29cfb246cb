package io.theseus.hook;

/** A hook ran and did not pass; the message names the hook and the cause. */
public class HookFailedException extends RuntimeException {

  public HookFailedException(String message) {
    super(message);
  }
}
