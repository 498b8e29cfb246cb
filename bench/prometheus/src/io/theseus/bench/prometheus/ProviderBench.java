package io.theseus.bench.prometheus;

import io.theseus.analysis.Version;
import io.theseus.config.AnalysisConfig;
import io.theseus.metrics.QueryContext;
import io.theseus.yaml.AnalysisConfigFiles;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Measures, for one rollout tick of the default analysis config (error-rate + latency): the CPU
 * cost of rendering the queries and parsing the answers into evidence, Theseus's batched provider
 * against a naive per-version peer in the same run, and the queries per tick over loopback.
 */
public final class ProviderBench {

  static final QueryContext CONTEXT =
      new QueryContext(
          "shop",
          "checkout",
          Map.of(Version.STABLE, "checkout-v1", Version.CANARY, "checkout-v2"),
          Map.of(Version.STABLE, "v1", Version.CANARY, "v2"),
          Duration.ofSeconds(30));

  private static final int WARMUPS = 3;
  private static final int MEASUREMENTS = 10;

  private ProviderBench() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
    AnalysisConfig config = AnalysisConfigFiles.load(Path.of("analysis-config/default.yaml"));
    System.out.printf(
        Locale.ROOT,
        "Java %s, %d cores; %d x %.1f s per variant after %d warm-ups%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        MEASUREMENTS,
        seconds,
        WARMUPS);
    TheseusTick theseus = new TheseusTick(config);
    NaiveTick naive = new NaiveTick(config);
    report(
        "theseus (batched, escaped, Jackson streaming)",
        theseus.queries(),
        measure(theseus::run, seconds));
    report(
        "naive peer (per version+role, Vert.x JsonObject)",
        naive.queries(),
        measure(naive::run, seconds));
    LoopbackTicks.Result loopback = LoopbackTicks.run(config, 500);
    System.out.printf(
        Locale.ROOT,
        "loopback: %d ticks, %d HTTP requests = %.2f queries per tick for %d metrics;"
            + " %.3f ms per tick (median)%n",
        loopback.ticks(),
        loopback.requests(),
        (double) loopback.requests() / loopback.ticks(),
        config.metrics().size(),
        loopback.medianMsPerTick());
  }

  private static void report(String name, int queries, double[] perTick) {
    double[] ns = perTick.clone();
    Arrays.sort(ns);
    System.out.printf(
        Locale.ROOT,
        "%-50s %2d queries/tick  %8.1f us/tick median (min %.1f, max %.1f)  %7.1f KB alloc/tick%n",
        name,
        queries,
        ns[ns.length / 2] / 1000,
        ns[0] / 1000,
        ns[ns.length - 1] / 1000,
        allocatedPerTick / 1024);
  }

  private static double allocatedPerTick;

  /** Nanoseconds per tick of each measurement; also sets the allocation per tick. */
  private static double[] measure(LongSupplier tick, double seconds) {
    long sink = 0;
    double[] results = new double[MEASUREMENTS];
    long allocated = 0;
    long ticks = 0;
    for (int i = 0; i < WARMUPS + MEASUREMENTS; i++) {
      long deadline = System.nanoTime() + (long) (seconds * 1e9);
      long n = 0;
      long bytes = threadAllocatedBytes();
      long started = System.nanoTime();
      while (System.nanoTime() < deadline) {
        sink += tick.getAsLong();
        n++;
      }
      long elapsed = System.nanoTime() - started;
      if (i >= WARMUPS) {
        results[i - WARMUPS] = (double) elapsed / n;
        allocated += threadAllocatedBytes() - bytes;
        ticks += n;
      }
    }
    allocatedPerTick = (double) allocated / ticks;
    if (sink == 42) {
      System.out.println(); // keeps the results observable so the JIT cannot drop the work
    }
    return results;
  }

  private static long threadAllocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
