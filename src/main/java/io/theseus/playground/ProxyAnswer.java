package io.theseus.playground;

import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;

/**
 * What the proxy answers its caller: the upstream's response as it came, or Envoy's answer to an
 * upstream failure, with the response flag Istio's telemetry records for it.
 */
record ProxyAnswer(int status, MultiMap headers, Buffer body, String flags) {

  private static final String NO_FLAGS = "-";

  static ProxyAnswer of(AsyncResult<HttpResponse<Buffer>> outcome) {
    if (outcome.succeeded()) {
      HttpResponse<Buffer> response = outcome.result();
      MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(response.headers());
      headers.remove("content-length").remove("transfer-encoding").remove("connection");
      Buffer body = response.body() == null ? Buffer.buffer() : response.body();
      return new ProxyAnswer(response.statusCode(), headers, body, NO_FLAGS);
    }
    Throwable failure = outcome.cause();
    if (failure instanceof MeshProxy.NoHealthyUpstreamException) {
      return envoy(503, "no healthy upstream", "UH");
    }
    if (MeshProxy.isTimeout(failure)) {
      return envoy(504, "upstream request timeout", "UT");
    }
    return envoy(503, "upstream connect error or disconnect/reset before headers", "UF");
  }

  private static ProxyAnswer envoy(int status, String body, String flags) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("content-type", "text/plain");
    return new ProxyAnswer(status, headers, Buffer.buffer(body), flags);
  }
}
