package io.theseus.playground;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** Blocking calls to a local Prometheus's HTTP API, each bounded by a timeout. */
final class PrometheusHttp {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String baseUrl;

  PrometheusHttp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  QueryAnswer query(String promql, Instant time) {
    String form =
        "query="
            + URLEncoder.encode(promql, StandardCharsets.UTF_8)
            + (time == null
                ? ""
                : "&time=" + BigDecimal.valueOf(time.toEpochMilli(), 3).toPlainString());
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/query"))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    HttpResponse<String> response = send(request);
    return new QueryAnswer(response.statusCode(), response.body());
  }

  /** True once {@code /-/ready} answers 200; false while it refuses or is starting. */
  boolean ready() {
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(baseUrl + "/-/ready")).timeout(TIMEOUT).build();
    try {
      return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  void reload() {
    HttpRequest reload =
        HttpRequest.newBuilder(URI.create(baseUrl + "/-/reload"))
            .timeout(TIMEOUT)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> answer = send(reload);
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("Prometheus reload failed: " + answer.body());
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("Prometheus did not answer " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
