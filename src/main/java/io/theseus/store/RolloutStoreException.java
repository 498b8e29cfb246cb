package io.theseus.store;

/** A rollout's status could not be read or written. */
public class RolloutStoreException extends RuntimeException {

  public RolloutStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
