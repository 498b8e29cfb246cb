package io.theseus.metrics;

/** A query could not be answered: timeout, connection refused, HTTP error or malformed body. */
public class MetricQueryException extends RuntimeException {

  public MetricQueryException(String message) {
    super(message);
  }

  public MetricQueryException(String message, Throwable cause) {
    super(message, cause);
  }
}
