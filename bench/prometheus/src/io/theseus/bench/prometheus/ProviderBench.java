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
    // Rounds alternate the two variants so both meet the same machine load.
    Measurement ours = new Measurement();
    Measurement peer = new Measurement();
    double[] ratios = new double[MEASUREMENTS];
    for (int round = 0; round < WARMUPS + MEASUREMENTS; round++) {
      double a = ours.round(theseus::run, seconds, round >= WARMUPS);
      double b = peer.round(naive::run, seconds, round >= WARMUPS);
      if (round >= WARMUPS) {
        ratios[round - WARMUPS] = a / b;
      }
    }
    ours.report("theseus (batched, escaped, Jackson streaming)", theseus.queries());
    peer.report("naive peer (per version+role, Vert.x JsonObject)", naive.queries());
    Arrays.sort(ratios);
    System.out.printf(
        Locale.ROOT,
        "theseus/naive CPU per tick, paired by round: median %.2fx (min %.2fx, max %.2fx)%n",
        ratios[MEASUREMENTS / 2],
        ratios[0],
        ratios[MEASUREMENTS - 1]);
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

  /** The per-tick times and allocation of one variant over its measured rounds. */
  private static final class Measurement {
    private final double[] nsPerTick = new double[MEASUREMENTS];
    private int rounds;
    private long bytes;
    private long ticks;
    private long sink;

    /** Runs {@code tick} for {@code seconds}; returns nanoseconds per tick. */
    double round(LongSupplier tick, double seconds, boolean measured) {
      long deadline = System.nanoTime() + (long) (seconds * 1e9);
      long n = 0;
      long allocated = threadAllocatedBytes();
      long started = System.nanoTime();
      while (System.nanoTime() < deadline) {
        sink += tick.getAsLong(); // consumed below, so the JIT cannot drop the work
        n++;
      }
      double ns = (double) (System.nanoTime() - started) / n;
      if (measured) {
        nsPerTick[rounds++] = ns;
        bytes += threadAllocatedBytes() - allocated;
        ticks += n;
      }
      return ns;
    }

    void report(String name, int queries) {
      double[] ns = nsPerTick.clone();
      Arrays.sort(ns);
      System.out.printf(
          Locale.ROOT,
          "%-50s %d queries/tick  %7.1f us/tick median (min %.1f, max %.1f)  %5.1f KB alloc/tick%s%n",
          name,
          queries,
          ns[ns.length / 2] / 1000,
          ns[0] / 1000,
          ns[ns.length - 1] / 1000,
          (double) bytes / ticks / 1024,
          sink == 42 ? " " : "");
    }
  }

  private static long threadAllocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
