package io.theseus.playground;

/**
 * One HTTP endpoint a {@link PrometheusProcess} scrapes.
 *
 * @param job the {@code job} label its series get; targets of one job share a scrape config
 * @param address {@code host:port}, normally on 127.0.0.1
 * @param metricsPath the path scraped, starting with {@code /}
 */
public record ScrapeTarget(String job, String address, String metricsPath) {

  public ScrapeTarget {
    if (job == null || !job.matches("[a-zA-Z_][a-zA-Z0-9_-]*")) {
      throw new IllegalArgumentException("job must match [a-zA-Z_][a-zA-Z0-9_-]*, got " + job);
    }
    if (address == null || !address.matches("[^\\s/'\"]+:\\d{1,5}")) {
      throw new IllegalArgumentException("address must be host:port, got " + address);
    }
    if (metricsPath == null || !metricsPath.startsWith("/") || metricsPath.contains("'")) {
      throw new IllegalArgumentException("metricsPath must start with /, got " + metricsPath);
    }
  }

  /** A target serving {@code /metrics} on {@code 127.0.0.1:port}. */
  public static ScrapeTarget local(String job, int port) {
    return new ScrapeTarget(job, "127.0.0.1:" + port, "/metrics");
  }
}
