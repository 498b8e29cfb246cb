package io.theseus.bench.run;

import io.theseus.analysis.Version;
import io.theseus.bench.peer.argo.ArgoRollout;
import io.theseus.bench.peer.argo.ArgoSettings;
import io.theseus.bench.peer.flagger.FlaggerRollout;
import io.theseus.bench.peer.flagger.FlaggerSettings;
import io.theseus.bench.peer.kayenta.KayentaRollout;
import io.theseus.bench.peer.kayenta.KayentaSettings;
import io.theseus.bench.sim.Scenario;
import io.theseus.bench.sim.TickData;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.stream.LongStream;

/**
 * Tunes each peer on calibration seeds (disjoint from the evaluation seeds) of the plain A/A
 * scenario to the target false-rollback rate. Flagger and Argo get thresholds from A/A quantiles of
 * their per-check values (level eps: the eps-quantile of the canary's success rate and the
 * (1-eps)-quantile of its p99), the largest eps that keeps the calibration rate at or below the
 * target; Kayenta gets the smallest meanRatio threshold (allowedIncrease >= 1) that does.
 */
public final class Tuning {

  /** First seed of the calibration range; evaluation seeds start at 0. */
  public static final long CALIBRATION_SEED_BASE = 1_000_000_000L;

  private static final int BISECTIONS = 14;

  private final Runner runner;
  private final Scenario aa;
  private final int seeds;
  private final double target;
  private final List<String> notes = new ArrayList<>();

  /** Tuning on {@code seeds} calibration seeds of {@code aa} towards rate {@code target}. */
  public Tuning(Runner runner, Scenario aa, int seeds, double target) {
    this.runner = runner;
    this.aa = aa;
    this.seeds = seeds;
    this.target = target;
  }

  /** One line per tuned peer: its settings and calibration false-rollback rate. */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** Flagger with thresholds from the A/A quantiles of its per-check values. */
  public Contender flagger(FlaggerSettings base) {
    PerCheck values = perCheck(s -> new FlaggerRollout(base.withThresholds(0, 1e12)));
    DoubleFunction<Contender> at =
        eps -> flaggerJudge(base.withThresholds(values.successLow(eps), values.p99High(eps)));
    return largestPassing(at, "flagger-tuned");
  }

  /** Argo with thresholds from the A/A quantiles of its per-measurement values. */
  public Contender argo(ArgoSettings base) {
    PerCheck values = perCheck(s -> new ArgoRollout(base.withThresholds(0, 1e12)));
    DoubleFunction<Contender> at =
        eps -> argoJudge(base.withThresholds(values.successLow(eps) / 100, values.p99High(eps)));
    return largestPassing(at, "argo-tuned");
  }

  /** Kayenta with the least effect-size threshold that meets the target. */
  public Contender kayenta(KayentaSettings base) {
    Contender defaults = kayentaJudge(base.withAllowedIncrease(1.0), "kayenta-tuned");
    double rate = falseRollbackRate(defaults);
    if (rate <= target) {
      notes.add(String.format("kayenta-tuned: defaults already at %.4f on calibration", rate));
      return defaults;
    }
    double lo = 1.0;
    double hi = 8.0;
    for (int i = 0; i < BISECTIONS; i++) {
      double mid = (lo + hi) / 2;
      if (falseRollbackRate(kayentaJudge(base.withAllowedIncrease(mid), "")) <= target) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    Contender tuned = kayentaJudge(base.withAllowedIncrease(hi), "kayenta-tuned");
    notes.add(
        String.format(
            "kayenta-tuned: allowedIncrease (meanRatio) %.3f, calibration rate %.4f",
            hi, falseRollbackRate(tuned)));
    return tuned;
  }

  /** Plain-A/A false-rollback rate of a judge on the calibration seeds. */
  double falseRollbackRate(Contender judge) {
    long rollbacks =
        LongStream.range(0, seeds)
            .parallel()
            .filter(i -> runner.run(judge, aa, CALIBRATION_SEED_BASE + i).rolledBack())
            .count();
    return (double) rollbacks / seeds;
  }

  private Contender largestPassing(DoubleFunction<Contender> at, String name) {
    double lo = Math.log(1e-7);
    double hi = Math.log(0.5);
    for (int i = 0; i < BISECTIONS; i++) {
      double mid = (lo + hi) / 2;
      if (falseRollbackRate(at.apply(Math.exp(mid))) <= target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    Contender tuned = at.apply(Math.exp(lo));
    Contender named = new Contender(name, tuned.start());
    notes.add(
        String.format(
            "%s: %s, calibration rate %.4f", name, tuned.name(), falseRollbackRate(tuned)));
    return named;
  }

  private PerCheck perCheck(java.util.function.LongFunction<Rollout> passing) {
    List<double[]> rows = new ArrayList<>();
    for (long i = 0; i < seeds; i++) {
      Recording recording = new Recording(passing.apply(i));
      runner.run(new Contender("record", s -> recording), aa, CALIBRATION_SEED_BASE + i);
      rows.addAll(recording.rows);
    }
    return new PerCheck(
        rows.stream().mapToDouble(r -> r[0]).filter(v -> !Double.isNaN(v)).sorted().toArray(),
        rows.stream().mapToDouble(r -> r[1]).filter(v -> !Double.isNaN(v)).sorted().toArray());
  }

  private static Contender flaggerJudge(FlaggerSettings s) {
    String name =
        String.format("success >= %.3f%%, p99 <= %.1f ms", s.successRateMin(), s.durationMaxMs());
    return new Contender(name, seed -> new FlaggerRollout(s));
  }

  private static Contender argoJudge(ArgoSettings s) {
    String name = String.format("result >= %.5f, p99 <= %.1f ms", s.successMin(), s.p99MaxMs());
    return new Contender(name, seed -> new ArgoRollout(s));
  }

  private static Contender kayentaJudge(KayentaSettings s, String name) {
    return new Contender(name, seed -> new KayentaRollout(s, seed));
  }

  /** Sorted per-check A/A values of the canary: success rate (percent) and p99 (ms). */
  private record PerCheck(double[] successRates, double[] p99s) {
    double successLow(double eps) {
      return successRates[(int) Math.floor(eps * (successRates.length - 1))];
    }

    double p99High(double eps) {
      return p99s[(int) Math.ceil((1 - eps) * (p99s.length - 1))];
    }
  }

  /** Passes windows through to a rollout and keeps the canary's per-window values. */
  private static final class Recording implements Rollout {
    private final Rollout inner;
    private final List<double[]> rows = new ArrayList<>();

    Recording(Rollout inner) {
      this.inner = inner;
    }

    @Override
    public int weight() {
      return inner.weight();
    }

    @Override
    public Action observe(TickData tick) {
      rows.add(new double[] {tick.successRatePercent(Version.CANARY), tick.p99Ms(Version.CANARY)});
      return inner.observe(tick);
    }

    @Override
    public int maxTicks() {
      return inner.maxTicks();
    }

    @Override
    public int tickSeconds() {
      return inner.tickSeconds();
    }
  }
}
