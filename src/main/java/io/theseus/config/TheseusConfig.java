package io.theseus.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The daemon's settings, parsed from {@code THESEUS_*} environment variables by {@link #fromEnv}.
 * The metrics backend's keys ({@code THESEUS_PROMETHEUS_*}, {@code THESEUS_METRICS_PROVIDER}) are
 * parsed by the metrics package, not here. {@link #toString} holds no secret: none of these keys
 * carries one.
 *
 * @param namespaces namespaces whose CanaryRollouts are handled; empty for every namespace
 * @param apiPort port of the HTTP API, /healthz, /readyz and /metrics
 * @param kubePoolSize threads of the {@code kube-ops} pool
 * @param kubeTimeout bound on one Kubernetes API call
 * @param resyncPeriod how often every watched CanaryRollout is reconciled, changed or not (a
 *     backstop: the watch triggers a pass on every change)
 * @param leaderElection whether replicas elect a leader on a Lease (only the leader acts)
 * @param leaseName the Lease's name
 * @param leaseNamespace the Lease's namespace (the daemon's own)
 * @param leaseTimings lease duration, renew deadline and retry period, in that order
 * @param podName this replica's identity (holder identity, Event reporter)
 * @param analysisConfigDir where the analysis-config ConfigMap is mounted
 * @param ledgerSize decisions kept in each CanaryRollout's status ledger
 * @param apiOpenReads whether the API's read endpoints answer without a token (overrides always
 *     need one)
 */
public record TheseusConfig(
    List<String> namespaces,
    int apiPort,
    int kubePoolSize,
    Duration kubeTimeout,
    Duration resyncPeriod,
    boolean leaderElection,
    String leaseName,
    String leaseNamespace,
    List<Duration> leaseTimings,
    String podName,
    Path analysisConfigDir,
    int ledgerSize,
    boolean apiOpenReads) {

  public static final String NAMESPACES = "THESEUS_NAMESPACES"; // default "" (every namespace)
  public static final String API_PORT = "THESEUS_API_PORT"; // default 8080
  public static final String KUBE_POOL_SIZE = "THESEUS_KUBE_POOL_SIZE"; // default 8
  public static final String KUBE_TIMEOUT = "THESEUS_KUBE_TIMEOUT"; // default 10s
  public static final String RESYNC_PERIOD = "THESEUS_RESYNC_PERIOD"; // default 30s
  public static final String LEADER_ELECTION = "THESEUS_LEADER_ELECTION"; // default true
  public static final String LEASE_NAME = "THESEUS_LEASE_NAME"; // default theseus-leader
  public static final String LEASE_NAMESPACE = "THESEUS_LEASE_NAMESPACE"; // default theseus-system
  public static final String LEASE_DURATION = "THESEUS_LEASE_DURATION"; // default 15s
  public static final String LEASE_RENEW_DEADLINE = "THESEUS_LEASE_RENEW_DEADLINE"; // default 10s
  public static final String LEASE_RETRY_PERIOD = "THESEUS_LEASE_RETRY_PERIOD"; // default 2s
  public static final String POD_NAME = "POD_NAME"; // default HOSTNAME, else theseus
  public static final String ANALYSIS_CONFIG_DIR =
      "THESEUS_ANALYSIS_CONFIG_DIR"; // default /etc/theseus/analysis-config
  public static final String LEDGER_SIZE = "THESEUS_LEDGER_SIZE"; // default 20, at most 50
  public static final String API_OPEN_READS = "THESEUS_API_OPEN_READS"; // default false

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  public TheseusConfig {
    namespaces = List.copyOf(namespaces);
    leaseTimings = List.copyOf(leaseTimings);
  }

  /**
   * Reads the settings from environment-style keys.
   *
   * @throws InvalidConfigException naming the key of the first invalid value and what is allowed
   */
  public static TheseusConfig fromEnv(Map<String, String> env) {
    return new TheseusConfig(
        namespaces(env),
        intIn(env, API_PORT, "8080", 0, 65535),
        intIn(env, KUBE_POOL_SIZE, "8", 1, 256),
        duration(env, KUBE_TIMEOUT, "10s"),
        duration(env, RESYNC_PERIOD, "30s"),
        bool(env, LEADER_ELECTION, "true"),
        name(env, LEASE_NAME, "theseus-leader"),
        name(env, LEASE_NAMESPACE, "theseus-system"),
        leaseTimings(env),
        podName(env),
        Path.of(value(env, ANALYSIS_CONFIG_DIR, "/etc/theseus/analysis-config")),
        intIn(env, LEDGER_SIZE, "20", 1, 50),
        bool(env, API_OPEN_READS, "false"));
  }

  private static String value(Map<String, String> env, String key, String fallback) {
    String v = env.get(key);
    return v == null || v.isBlank() ? fallback : v.strip();
  }

  private static List<String> namespaces(Map<String, String> env) {
    String v = value(env, NAMESPACES, "");
    List<String> names =
        Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    for (String n : names) {
      if (!DNS_LABEL.matcher(n).matches()) {
        throw bad(NAMESPACES, v, "comma-separated namespace names, or empty for all");
      }
    }
    return names;
  }

  /** Retry period < renew deadline < lease duration, so a leader stops before anyone may start. */
  private static List<Duration> leaseTimings(Map<String, String> env) {
    Duration lease = duration(env, LEASE_DURATION, "15s");
    Duration renew = duration(env, LEASE_RENEW_DEADLINE, "10s");
    Duration retry = duration(env, LEASE_RETRY_PERIOD, "2s");
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw bad(LEASE_DURATION, value(env, LEASE_DURATION, ""), "at least 1s");
    }
    if (renew.compareTo(lease) >= 0) {
      throw bad(
          LEASE_RENEW_DEADLINE,
          value(env, LEASE_RENEW_DEADLINE, "10s"),
          "shorter than " + LEASE_DURATION + " " + lease);
    }
    if (retry.compareTo(renew) >= 0) {
      throw bad(
          LEASE_RETRY_PERIOD,
          value(env, LEASE_RETRY_PERIOD, "2s"),
          "shorter than " + LEASE_RENEW_DEADLINE + " " + renew);
    }
    return List.of(lease, renew, retry);
  }

  private static String podName(Map<String, String> env) {
    return value(env, POD_NAME, value(env, "HOSTNAME", "theseus"));
  }

  private static String name(Map<String, String> env, String key, String fallback) {
    String v = value(env, key, fallback);
    if (!DNS_LABEL.matcher(v).matches()) {
      throw bad(key, v, "a DNS label: lower-case letters, digits and '-'");
    }
    return v;
  }

  private static int intIn(Map<String, String> env, String key, String fallback, int min, int max) {
    String v = value(env, key, fallback);
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException notANumber) {
      // reported below with the allowed range
    }
    throw bad(key, v, "an integer from " + min + " to " + max);
  }

  private static boolean bool(Map<String, String> env, String key, String fallback) {
    String v = value(env, key, fallback);
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw bad(key, v, "true or false");
    };
  }

  private static Duration duration(Map<String, String> env, String key, String fallback) {
    String v = value(env, key, fallback);
    return Durations.parse(v)
        .filter(d -> !d.isZero())
        .orElseThrow(() -> bad(key, v, "a positive duration such as 500ms, 10s, 1m"));
  }

  private static InvalidConfigException bad(String key, String value, String allowed) {
    return new InvalidConfigException(key, value, "not allowed (" + allowed + ")");
  }
}
