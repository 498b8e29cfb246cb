package io.theseus.api;

import io.theseus.controller.Overrides;
import io.theseus.controller.RolloutQueries;
import io.theseus.controller.UnknownRolloutException;
import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.OverrideOutcome;
import io.theseus.rollout.OverrideRecord;
import io.theseus.rollout.OverrideRequest;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/rollouts/{namespace}/{name}/override}, after {@link BearerAuth}: 403 unless
 * the caller may override the rollout, 400 for a bad body, 404 for an unknown rollout, 409 when the
 * action is not valid in the rollout's phase, else 202 with the recorded override ({@code
 * "repeated": true} when it repeats the override that made the transition).
 */
final class OverrideEndpoint implements Handler<RoutingContext> {

  private final Authenticator authenticator;
  private final Overrides overrides;
  private final RolloutQueries rollouts;

  OverrideEndpoint(Authenticator authenticator, Overrides overrides, RolloutQueries rollouts) {
    this.authenticator = authenticator;
    this.overrides = overrides;
    this.rollouts = rollouts;
  }

  @Override
  public void handle(RoutingContext rc) {
    CanaryRef ref = new CanaryRef(rc.pathParam("namespace"), rc.pathParam("name"));
    Caller caller = rc.get(BearerAuth.CALLER);
    authenticator
        .mayOverride(caller, ref)
        .recover(OverrideEndpoint::unavailable)
        .map(allowed -> allowed ? OverrideBody.parse(bytes(rc)) : refuse(caller, ref))
        .map(body -> known(ref, body))
        .compose(body -> overrides.override(ref, request(body, caller)))
        .onComplete(result -> respond(rc, ref, result));
  }

  private static Future<Boolean> unavailable(Throwable failure) {
    return Future.failedFuture(
        new ApiException(503, "Authorization", "cannot check the caller's rights now"));
  }

  private static byte[] bytes(RoutingContext rc) {
    Buffer body = rc.body().buffer();
    return body == null ? new byte[0] : body.getBytes();
  }

  private static OverrideBody refuse(Caller caller, CanaryRef ref) {
    throw new ApiException(
        403, "Authorization", caller.name() + " may not override rollout " + ref.path());
  }

  private OverrideBody known(CanaryRef ref, OverrideBody body) {
    if (rollouts.rollout(ref).isEmpty()) {
      throw new ApiException(404, "rollout", "rollout " + ref.path() + " not found");
    }
    return body;
  }

  private static OverrideRequest request(OverrideBody body, Caller caller) {
    return new OverrideRequest(body.action(), body.reason(), caller.name());
  }

  private static void respond(RoutingContext rc, CanaryRef ref, AsyncResult<OverrideOutcome> r) {
    if (r.failed()) {
      ApiResponses.error(rc, asApiException(r.cause()));
      return;
    }
    OverrideOutcome outcome = r.result();
    if (outcome instanceof OverrideOutcome.Applied applied) {
      accepted(rc, ref, applied.record(), false);
    } else if (outcome instanceof OverrideOutcome.Repeated repeated) {
      accepted(rc, ref, repeated.record(), true);
    } else {
      String why = ((OverrideOutcome.Rejected) outcome).reason();
      ApiResponses.error(rc, new ApiException(409, "action", why));
    }
  }

  private static ApiException asApiException(Throwable failure) {
    if (failure instanceof ApiException api) {
      return api;
    }
    if (failure instanceof UnknownRolloutException) {
      return new ApiException(404, "rollout", failure.getMessage());
    }
    return new ApiException(500, "override", "override failed: " + failure.getMessage());
  }

  private static void accepted(
      RoutingContext rc, CanaryRef ref, OverrideRecord record, boolean repeated) {
    JsonObject body =
        new JsonObject()
            .put("namespace", ref.namespace())
            .put("name", ref.name())
            .mergeIn(RolloutJson.override(record))
            .put("repeated", repeated);
    ApiResponses.json(rc, 202, body);
  }
}
