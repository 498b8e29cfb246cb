package io.theseus.metrics.prometheus;

import io.theseus.metrics.MetricQueryException;
import io.theseus.metrics.prometheus.PrometheusOptions.Auth;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP attempt against the API: endpoint, path prefix, credentials, TLS trust, custom headers
 * and the per-attempt timeout. A bearer token is read from its file (asynchronously) on every
 * request, so a rotated token is picked up without a restart.
 */
final class PrometheusClient {

  private final Vertx vertx;
  private final PrometheusOptions options;
  private final WebClient client;

  PrometheusClient(Vertx vertx, PrometheusOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.client = WebClient.create(vertx, clientOptions(options));
  }

  /**
   * POSTs {@code form} to {@code prefix + path}; fails only on transport errors or timeout. The
   * request's own timeout is an idle one (no byte for that long); the attempt as a whole gets the
   * same deadline too, so a server trickling its answer cannot hold a tick.
   */
  Future<HttpResponse<Buffer>> post(String path, MultiMap form) {
    long timeout = options.timeout().toMillis();
    HttpRequest<Buffer> request = client.post(options.pathPrefix() + path).timeout(timeout);
    options.headers().forEach(request::putHeader);
    return authenticate(request)
        .compose(r -> r.sendForm(form))
        .timeout(timeout, TimeUnit.MILLISECONDS);
  }

  void close() {
    client.close();
  }

  private Future<HttpRequest<Buffer>> authenticate(HttpRequest<Buffer> request) {
    Auth auth = options.auth();
    if (auth instanceof Auth.Basic basic) {
      return Future.succeededFuture(
          request.basicAuthentication(basic.username(), basic.password()));
    }
    if (auth instanceof Auth.BearerFile bearer) {
      return vertx
          .fileSystem()
          .readFile(bearer.tokenFile().toString())
          .map(token -> request.bearerTokenAuthentication(token.toString().strip()))
          .recover(
              e ->
                  Future.failedFuture(
                      new MetricQueryException(
                          MetricQueryException.Kind.OTHER,
                          "THESEUS_PROMETHEUS_BEARER_TOKEN_FILE: cannot read "
                              + bearer.tokenFile()
                              + ": "
                              + e.getMessage(),
                          e)));
    }
    return Future.succeededFuture(request);
  }

  private static WebClientOptions clientOptions(PrometheusOptions options) {
    URI url = options.url();
    boolean https = "https".equals(url.getScheme());
    WebClientOptions client =
        new WebClientOptions()
            .setDefaultHost(url.getHost())
            .setDefaultPort(url.getPort() > 0 ? url.getPort() : https ? 443 : 80)
            .setSsl(https)
            .setConnectTimeout((int) options.timeout().toMillis())
            .setUserAgent("theseus");
    if (options.tls().caFile() != null) {
      client.setTrustOptions(new PemTrustOptions().addCertPath(options.tls().caFile().toString()));
    }
    if (options.tls().insecureSkipVerify()) {
      client.setTrustAll(true).setVerifyHost(false);
    }
    return client;
  }
}
