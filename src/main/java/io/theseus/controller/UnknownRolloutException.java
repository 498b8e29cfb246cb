package io.theseus.controller;

import io.theseus.rollout.CanaryRef;

/** The engine does not run the rollout named. */
public final class UnknownRolloutException extends RuntimeException {

  public UnknownRolloutException(CanaryRef ref) {
    super("rollout " + ref.path() + " not found");
  }
}
