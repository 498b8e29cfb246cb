package io.theseus.playground;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders the prometheus.yml of a {@link PrometheusProcess}: one scrape config per job. */
final class PrometheusConfigFile {

  private PrometheusConfigFile() {}

  static String render(List<ScrapeTarget> targets, Duration scrapeInterval) {
    long intervalMs = scrapeInterval.toMillis();
    // The scrape timeout must not exceed the interval; leave a tenth of it as slack.
    long timeoutMs = Math.max(1, intervalMs * 9 / 10);
    StringBuilder yml = new StringBuilder();
    yml.append("global:\n")
        .append("  scrape_interval: ")
        .append(intervalMs)
        .append("ms\n")
        .append("  scrape_timeout: ")
        .append(timeoutMs)
        .append("ms\n")
        .append("  evaluation_interval: ")
        .append(intervalMs)
        .append("ms\n")
        .append("scrape_configs:\n");
    appendScrapeConfigs(yml, targets);
    return yml.toString();
  }

  private static void appendScrapeConfigs(StringBuilder yml, List<ScrapeTarget> targets) {
    Map<String, List<ScrapeTarget>> byJob =
        targets.stream()
            .collect(
                Collectors.groupingBy(
                    t -> t.job() + "\u0000" + t.metricsPath(),
                    LinkedHashMap::new,
                    Collectors.toList()));
    int n = 0;
    for (List<ScrapeTarget> group : byJob.values()) {
      ScrapeTarget first = group.get(0);
      // Jobs sharing a name but not a path need distinct scrape-config names; the job label stays.
      String configName = first.job() + (n++ == 0 ? "" : "_" + n);
      yml.append("  - job_name: '").append(configName).append("'\n");
      yml.append("    metrics_path: '").append(first.metricsPath()).append("'\n");
      yml.append("    static_configs:\n");
      yml.append("      - labels: {job: '").append(first.job()).append("'}\n");
      yml.append("        targets: [");
      yml.append(
          group.stream().map(t -> "'" + t.address() + "'").collect(Collectors.joining(", ")));
      yml.append("]\n");
    }
  }
}
