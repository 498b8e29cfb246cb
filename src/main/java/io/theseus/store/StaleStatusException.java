package io.theseus.store;

/**
 * A conditional status write was refused: the stored status is no longer the one the write was
 * computed from (another replica or an override wrote in between). Nothing was written; the writer
 * must drop its result and decide again from what is stored now.
 */
public final class StaleStatusException extends RolloutStoreException {

  public StaleStatusException(String message) {
    super(message, null);
  }
}
