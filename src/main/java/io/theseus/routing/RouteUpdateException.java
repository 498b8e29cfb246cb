package io.theseus.routing;

/** The mesh's routing objects could not be read or written as asked. */
public class RouteUpdateException extends RuntimeException {

  public RouteUpdateException(String message) {
    super(message);
  }

  public RouteUpdateException(String message, Throwable cause) {
    super(message, cause);
  }
}
