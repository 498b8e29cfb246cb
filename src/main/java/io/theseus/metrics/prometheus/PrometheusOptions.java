package io.theseus.metrics.prometheus;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach a Prometheus-compatible API (Prometheus, Thanos, Mimir, VictoriaMetrics, managed
 * services). Parsed from {@code THESEUS_PROMETHEUS_*} keys by {@link #fromEnv}; {@link #toString}
 * redacts secrets.
 *
 * @param url base URL; its path is the API's prefix ({@code https://mimir/prometheus})
 * @param timeout bound on one HTTP attempt
 * @param attempts tries of an idempotent query before it fails, {@code >= 1}
 * @param backoff base of the jittered exponential backoff between tries
 * @param scrapeInterval the backend's scrape interval: gauge resolution and staleness unit
 * @param staleScrapes a series with no sample in this many scrape intervals is stale
 * @param auth credentials sent with every query
 * @param tls trust settings for an {@code https} URL
 * @param headers extra headers on every query, such as {@code X-Scope-OrgID} for Mimir
 */
public record PrometheusOptions(
    URI url,
    Duration timeout,
    int attempts,
    Duration backoff,
    Duration scrapeInterval,
    int staleScrapes,
    Auth auth,
    Tls tls,
    Map<String, String> headers) {

  /** Credentials: none, basic, or a bearer token read from a file on every query. */
  public sealed interface Auth {
    /** No credentials. */
    record None() implements Auth {}

    /** HTTP basic authentication. */
    record Basic(String username, String password) implements Auth {
      @Override
      public String toString() {
        return "Basic[username=" + username + ", password=***]";
      }
    }

    /** A bearer token re-read from {@code tokenFile} on each query, so rotated tokens apply. */
    record BearerFile(Path tokenFile) implements Auth {}
  }

  /**
   * TLS trust settings.
   *
   * @param caFile PEM file of the CA certificates to trust, or null for the JVM's trust store
   * @param insecureSkipVerify trust any certificate and host name (tests only)
   */
  public record Tls(Path caFile, boolean insecureSkipVerify) {}

  public PrometheusOptions {
    headers = Map.copyOf(headers);
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
    }
    if (staleScrapes < 1) {
      throw new IllegalArgumentException("staleScrapes must be >= 1, got " + staleScrapes);
    }
  }

  /** A plain local Prometheus at {@code url} with the defaults of {@link #fromEnv}. */
  public static PrometheusOptions of(URI url, Duration scrapeInterval) {
    return new PrometheusOptions(
        url,
        Duration.ofSeconds(10),
        3,
        Duration.ofMillis(200),
        scrapeInterval,
        3,
        new Auth.None(),
        new Tls(null, false),
        Map.of());
  }

  /**
   * Reads the options from environment-style keys; see {@link PrometheusEnv} for the keys.
   *
   * @throws IllegalArgumentException naming the key of the first invalid value
   */
  public static PrometheusOptions fromEnv(Map<String, String> env) {
    return PrometheusEnv.parse(env);
  }

  /** The same options with another timeout, attempts and backoff. */
  public PrometheusOptions withRetries(Duration timeout, int attempts, Duration backoff) {
    return new PrometheusOptions(
        url, timeout, attempts, backoff, scrapeInterval, staleScrapes, auth, tls, headers);
  }

  /** The same options with other credentials, trust and headers. */
  public PrometheusOptions withSecurity(Auth auth, Tls tls, Map<String, String> headers) {
    return new PrometheusOptions(
        url, timeout, attempts, backoff, scrapeInterval, staleScrapes, auth, tls, headers);
  }

  /** The age beyond which the newest sample is stale: {@code staleScrapes * scrapeInterval}. */
  public Duration staleAfter() {
    return scrapeInterval.multipliedBy(staleScrapes);
  }

  /** The URL's path without a trailing slash: the prefix of {@code /api/v1/...}. */
  public String pathPrefix() {
    String path = Optional.ofNullable(url.getRawPath()).orElse("");
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  @Override
  public String toString() {
    Map<String, String> shown = new LinkedHashMap<>();
    headers.keySet().forEach(h -> shown.put(h, "***"));
    return "PrometheusOptions[url="
        + url
        + ", timeout="
        + timeout
        + ", attempts="
        + attempts
        + ", backoff="
        + backoff
        + ", scrapeInterval="
        + scrapeInterval
        + ", staleScrapes="
        + staleScrapes
        + ", auth="
        + auth
        + ", tls="
        + tls
        + ", headers="
        + shown
        + "]";
  }
}
