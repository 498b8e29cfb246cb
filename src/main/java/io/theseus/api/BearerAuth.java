package io.theseus.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Lets a request on only with a valid {@code Authorization: Bearer <token>} header; the caller is
 * then in the routing context under {@link #CALLER}. Answers 401 otherwise, and 503 when the
 * authenticator cannot check the token now.
 */
final class BearerAuth implements Handler<RoutingContext> {

  /** Routing-context key of the authenticated {@link Caller}. */
  static final String CALLER = "theseus.caller";

  private static final String PREFIX = "Bearer ";

  private final Authenticator authenticator;

  BearerAuth(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public void handle(RoutingContext rc) {
    String header = rc.request().getHeader("Authorization");
    if (header == null
        || header.length() <= PREFIX.length()
        || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      ApiResponses.unauthorized(rc, "missing bearer token");
      return;
    }
    authenticator
        .authenticate(header.substring(PREFIX.length()).strip())
        .onSuccess(caller -> admit(rc, caller))
        .onFailure(
            e ->
                ApiResponses.error(
                    rc, new ApiException(503, "Authorization", "cannot check the token now")));
  }

  private static void admit(RoutingContext rc, Optional<Caller> caller) {
    if (caller.isEmpty()) {
      ApiResponses.unauthorized(rc, "invalid bearer token");
      return;
    }
    rc.put(CALLER, caller.get());
    rc.next();
  }
}
