package io.theseus.api;

/** A request the API refuses: the HTTP status, the field at fault and what is wrong. */
public final class ApiException extends RuntimeException {

  private final int status;
  private final String field;

  /**
   * @param status the HTTP status
   * @param field the field at fault
   * @param message the whole message, in one line
   */
  public ApiException(int status, String field, String message) {
    super(message);
    this.status = status;
    this.field = field;
  }

  /** 400 for {@code field}. */
  public static ApiException badRequest(String field, String problem) {
    return new ApiException(400, field, field + ": " + problem);
  }

  /** The HTTP status to answer. */
  public int status() {
    return status;
  }

  /** The field at fault ({@code body} for the body as a whole). */
  public String field() {
    return field;
  }
}
