package io.theseus.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** JSON answers of the API; every error is {@code {"error": "...", "field": "..."}}. */
final class ApiResponses {

  private ApiResponses() {}

  static void json(RoutingContext rc, int status, JsonObject body) {
    rc.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(body.encode());
  }

  static void error(RoutingContext rc, ApiException e) {
    json(rc, e.status(), new JsonObject().put("error", e.getMessage()).put("field", e.field()));
  }

  static void unauthorized(RoutingContext rc, String problem) {
    rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"theseus\"");
    error(rc, new ApiException(401, "Authorization", problem));
  }
}
