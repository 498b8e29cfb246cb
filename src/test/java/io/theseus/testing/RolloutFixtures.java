package io.theseus.testing;

import io.theseus.config.AnalysisConfig;
import io.theseus.config.Direction;
import io.theseus.config.HookSpec;
import io.theseus.config.MetricKind;
import io.theseus.config.MetricSpec;
import io.theseus.config.MinEvidence;
import io.theseus.config.OnInconclusive;
import io.theseus.config.Tolerance;
import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.RolloutLimits;
import io.theseus.rollout.RolloutSpec;
import io.theseus.rollout.ServiceSpec;
import io.theseus.rollout.VersionSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The rollout every package's tests share: demo/shop moving from shop-v1 (v1) to shop-v2 (v2) in
 * steps of 1, 5, 25, 50 and 100%, and the metric specs the judge is tried with.
 */
public final class RolloutFixtures {

  public static final CanaryRef SHOP = new CanaryRef("demo", "shop");

  private RolloutFixtures() {}

  /** Ticks of 30 s, 200 requests over 2 ticks as evidence, 10 min a step, alpha 0.01. */
  public static AnalysisConfig analysis(
      OnInconclusive onInconclusive, List<HookSpec> hooks, List<MetricSpec> metrics) {
    return new AnalysisConfig(
        Duration.ofSeconds(30),
        List.of(1, 5, 25, 50, 100),
        new MinEvidence(200, 2),
        Duration.ofMinutes(10),
        0.01,
        onInconclusive,
        "x-theseus-canary",
        hooks,
        metrics);
  }

  /** {@link #analysis(OnInconclusive, List, List)} rolling back when inconclusive, no hooks. */
  public static AnalysisConfig analysis(MetricSpec... metrics) {
    return analysis(OnInconclusive.ROLLBACK, List.of(), List.of(metrics));
  }

  /** demo/shop served at {@code serviceUrl}. */
  public static RolloutSpec shop(String serviceUrl, AnalysisConfig analysis, RolloutLimits limits) {
    return new RolloutSpec(
        SHOP,
        new ServiceSpec("shop", serviceUrl),
        new VersionSpec("shop-v1", "v1"),
        new VersionSpec("shop-v2", "v2"),
        analysis,
        limits);
  }

  /** demo/shop served at http://shop. */
  public static RolloutSpec shop(AnalysisConfig analysis, RolloutLimits limits) {
    return shop("http://shop", analysis, limits);
  }

  /** Error ratio: worse when it rises by half or by 0.2 percentage points. */
  public static MetricSpec errorRate(boolean critical) {
    return metric(
        "error-rate",
        MetricKind.RATIO,
        Map.of("total", "t", "errors", "e"),
        new Tolerance(0.5, 0.002),
        critical);
  }

  /** Latency histogram: worse when it rises by 20%, no absolute slack. */
  public static MetricSpec latency(boolean critical) {
    return latency(new Tolerance(0.2, null), critical);
  }

  /** Latency in milliseconds with the default config's tolerance (20% or 10 ms on p99). */
  public static MetricSpec latencyMs(boolean critical) {
    return latency(new Tolerance(0.2, 10.0), critical);
  }

  /** CPU gauge: worse when it rises by 20%. */
  public static MetricSpec cpu(boolean critical) {
    return metric(
        "cpu", MetricKind.GAUGE, Map.of("value", "v"), new Tolerance(0.2, null), critical);
  }

  private static MetricSpec latency(Tolerance tolerance, boolean critical) {
    return metric("latency", MetricKind.HISTOGRAM, Map.of("buckets", "b"), tolerance, critical);
  }

  private static MetricSpec metric(
      String name,
      MetricKind kind,
      Map<String, String> queries,
      Tolerance tolerance,
      boolean critical) {
    return new MetricSpec(name, kind, queries, Direction.INCREASE, tolerance, critical, 1, 0.99);
  }
}
