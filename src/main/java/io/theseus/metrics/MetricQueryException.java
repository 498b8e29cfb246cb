package io.theseus.metrics;

import java.util.Locale;

/** A query could not be answered: timeout, connection refused, HTTP error or malformed body. */
public class MetricQueryException extends RuntimeException {

  /** Why a query failed; the lower-case name is the {@code kind} label of the error counter. */
  public enum Kind {
    /** No answer within the call's timeout. */
    TIMEOUT,
    /** Connection refused or reset, DNS or TLS failure. */
    CONNECTION,
    /** The backend answered with a 4xx or 5xx status other than a rejected query. */
    HTTP,
    /** The backend rejected the query (Prometheus {@code bad_data}) or a template is invalid. */
    INVALID_QUERY,
    /** The body is not the JSON the API promises. */
    MALFORMED,
    /** A version has no samples, or NaN ({@link NoDataException}). */
    NO_DATA,
    /** The newest sample is too old ({@link StaleDataException}). */
    STALE,
    /** Anything else. */
    OTHER;

    /** The label value: {@code timeout}, {@code no_data}, ... */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Kind kind;

  public MetricQueryException(String message) {
    this(Kind.OTHER, message, null);
  }

  public MetricQueryException(String message, Throwable cause) {
    this(Kind.OTHER, message, cause);
  }

  /** A failure of a known kind. */
  public MetricQueryException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** Why the query failed. */
  public Kind kind() {
    return kind;
  }
}
