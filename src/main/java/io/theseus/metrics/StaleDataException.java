package io.theseus.metrics;

/**
 * The backend answered, but the newest sample is older than the staleness bound: the scrape or the
 * metrics plane is down. Freezes weights; it is not a canary failure.
 */
public class StaleDataException extends MetricQueryException {

  public StaleDataException(String message) {
    super(Kind.STALE, message, null);
  }
}
