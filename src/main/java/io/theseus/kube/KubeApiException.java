package io.theseus.kube;

/**
 * A Kubernetes API call failed. The message reads {@code "<Kind> <ns>/<name>: <action> failed:
 * <cause>"}.
 */
public class KubeApiException extends RuntimeException {

  /** {@link #code()} when no HTTP response arrived (connection failure, timeout). */
  public static final int NO_RESPONSE = 0;

  /** {@link #code()} when the client failed before or after the exchange (a bug, bad JSON). */
  public static final int CLIENT_ERROR = -1;

  private final int code;
  private final KubeRef ref;
  private final String reason;

  public KubeApiException(int code, KubeRef ref, String action, String cause, Throwable origin) {
    super(ref + ": " + action + " failed: " + cause, origin);
    this.code = code;
    this.ref = ref;
    this.reason = cause;
  }

  /** The cause alone, without the object and action: {@code HTTP 409: ...}. */
  public String reason() {
    return reason;
  }

  /** The HTTP status, or {@link #NO_RESPONSE}, or {@link #CLIENT_ERROR}. */
  public int code() {
    return code;
  }

  /** The object the call was about. */
  public KubeRef ref() {
    return ref;
  }

  /** True for a 404: the object does not exist. */
  public boolean notFound() {
    return code == 404;
  }

  /**
   * True when repeating the whole read-decide-write sequence may succeed: a conflict (409), rate
   * limiting (429), a server error (5xx) or no response at all.
   */
  public boolean retryable() {
    return code == NO_RESPONSE || code == 409 || code == 429 || code >= 500;
  }
}
