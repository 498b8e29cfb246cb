package io.theseus.metrics.prometheus;

import io.theseus.metrics.prometheus.PrometheusOptions.Auth;
import io.theseus.metrics.prometheus.PrometheusOptions.Tls;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@link PrometheusOptions} from {@code THESEUS_PROMETHEUS_*} keys, each declared beside its
 * default. Errors name the key and say what is allowed.
 */
final class PrometheusEnv {

  static final String URL = "THESEUS_PROMETHEUS_URL";
  static final String DEFAULT_URL = "http://prometheus.istio-system:9090";
  static final String TIMEOUT = "THESEUS_PROMETHEUS_TIMEOUT"; // default 10s
  static final String ATTEMPTS = "THESEUS_PROMETHEUS_ATTEMPTS"; // default 3
  static final String BACKOFF = "THESEUS_PROMETHEUS_BACKOFF"; // default 200ms
  static final String SCRAPE_INTERVAL = "THESEUS_PROMETHEUS_SCRAPE_INTERVAL"; // default 15s
  static final String STALE_SCRAPES = "THESEUS_PROMETHEUS_STALE_SCRAPES"; // default 3
  static final String USERNAME = "THESEUS_PROMETHEUS_USERNAME";
  static final String PASSWORD = "THESEUS_PROMETHEUS_PASSWORD";
  static final String BEARER_TOKEN_FILE = "THESEUS_PROMETHEUS_BEARER_TOKEN_FILE";
  static final String CA_FILE = "THESEUS_PROMETHEUS_CA_FILE";
  static final String INSECURE = "THESEUS_PROMETHEUS_INSECURE_SKIP_VERIFY"; // default false
  static final String HEADERS = "THESEUS_PROMETHEUS_HEADERS"; // Name=value,Name=value

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private PrometheusEnv() {}

  static PrometheusOptions parse(Map<String, String> env) {
    return new PrometheusOptions(
        url(env.getOrDefault(URL, DEFAULT_URL)),
        duration(env, TIMEOUT, "10s"),
        positive(env, ATTEMPTS, "3"),
        duration(env, BACKOFF, "200ms"),
        duration(env, SCRAPE_INTERVAL, "15s"),
        positive(env, STALE_SCRAPES, "3"),
        auth(env),
        new Tls(path(env.get(CA_FILE)), bool(env, INSECURE)),
        headers(env.getOrDefault(HEADERS, "")));
  }

  private static URI url(String value) {
    try {
      URI uri = new URI(value.strip());
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw bad(URL, value, "an http:// or https:// URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw bad(URL, value, "an http:// or https:// URL with a host");
    }
  }

  private static Auth auth(Map<String, String> env) {
    String user = env.get(USERNAME);
    String password = env.get(PASSWORD);
    String tokenFile = env.get(BEARER_TOKEN_FILE);
    if ((user == null) != (password == null)) {
      throw new IllegalArgumentException(
          (user == null ? USERNAME : PASSWORD)
              + ": missing; basic auth needs both "
              + USERNAME
              + " and "
              + PASSWORD);
    }
    if (user != null && tokenFile != null) {
      throw new IllegalArgumentException(
          BEARER_TOKEN_FILE + ": set either it or " + USERNAME + "/" + PASSWORD + ", not both");
    }
    if (user != null) {
      return new Auth.Basic(user, password);
    }
    return tokenFile == null ? new Auth.None() : new Auth.BearerFile(Path.of(tokenFile));
  }

  private static Map<String, String> headers(String value) {
    Map<String, String> headers = new LinkedHashMap<>();
    String[] pairs = value.split(",");
    for (int i = 0; i < pairs.length; i++) {
      String pair = pairs[i];
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? "" : pair.substring(0, eq).strip();
      if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
        // The value is not echoed: it may be a secret such as a tenant token.
        throw new IllegalArgumentException(
            HEADERS
                + ": entry "
                + (i + 1)
                + " is not Name=value (Name=value pairs separated by"
                + " commas)");
      }
      headers.put(name, pair.substring(eq + 1).strip());
    }
    return headers;
  }

  private static Duration duration(Map<String, String> env, String key, String fallback) {
    String value = env.getOrDefault(key, fallback).strip();
    Matcher m = DURATION.matcher(value);
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw bad(key, value, "a positive duration such as 500ms, 10s, 1m");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  private static int positive(Map<String, String> env, String key, String fallback) {
    String value = env.getOrDefault(key, fallback).strip();
    if (!value.matches("[1-9]\\d{0,3}")) {
      throw bad(key, value, "a whole number from 1 to 9999");
    }
    return Integer.parseInt(value);
  }

  private static boolean bool(Map<String, String> env, String key) {
    String value = env.getOrDefault(key, "false").strip();
    if (!value.equals("true") && !value.equals("false")) {
      throw bad(key, value, "true or false");
    }
    return Boolean.parseBoolean(value);
  }

  private static Path path(String value) {
    return value == null || value.isBlank() ? null : Path.of(value);
  }

  private static IllegalArgumentException bad(String key, String value, String allowed) {
    return new IllegalArgumentException(key + ": invalid value '" + value + "' (" + allowed + ")");
  }
}
