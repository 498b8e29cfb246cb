package io.theseus.metrics;

/**
 * The backend answered, but a version has no samples or only NaN. Judged INCONCLUSIVE, never a
 * failure of the canary.
 */
public class NoDataException extends MetricQueryException {

  public NoDataException(String message) {
    super(Kind.NO_DATA, message, null);
  }
}
