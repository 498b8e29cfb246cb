package io.theseus.kube;

import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1Status;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** Turns whatever a client-java call threw into one {@link KubeApiException}. */
final class KubeFailures {

  private KubeFailures() {}

  static KubeApiException classify(KubeRef ref, String action, Throwable failure) {
    if (failure instanceof KubeApiException known) {
      return known;
    }
    if (failure instanceof TimeoutException) {
      return new KubeApiException(
          KubeApiException.NO_RESPONSE, ref, action, "timed out: " + failure.getMessage(), failure);
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApiException api && api.getCode() > 0) {
        return new KubeApiException(api.getCode(), ref, action, describe(api), failure);
      }
      if (t instanceof IOException io) {
        return new KubeApiException(
            KubeApiException.NO_RESPONSE, ref, action, "no response: " + io, failure);
      }
    }
    return new KubeApiException(
        KubeApiException.CLIENT_ERROR, ref, action, String.valueOf(failure), failure);
  }

  /** The failure of a call that returned a Status instead of an object. */
  static KubeApiException fromStatus(KubeRef ref, String action, int code, V1Status status) {
    String message = status == null ? null : status.getMessage();
    String reason = status == null ? null : status.getReason();
    return new KubeApiException(
        code,
        ref,
        action,
        "HTTP "
            + code
            + (reason == null ? "" : " " + reason)
            + (message == null ? "" : ": " + message),
        null);
  }

  private static String describe(ApiException api) {
    String body = api.getResponseBody();
    try {
      var json = JsonParser.parseString(body).getAsJsonObject();
      if (json.has("message")) {
        return "HTTP " + api.getCode() + ": " + json.get("message").getAsString();
      }
    } catch (RuntimeException notStatusJson) {
      // Not a Status body (empty, HTML from a proxy): fall through to the bare code.
    }
    return "HTTP " + api.getCode() + (body == null || body.isBlank() ? "" : ": " + body.strip());
  }
}
