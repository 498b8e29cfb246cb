package io.theseus.store.file;

import static io.theseus.controller.OnLoop.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.theseus.analysis.Decision;
import io.theseus.analysis.HistogramCounts;
import io.theseus.analysis.Judge;
import io.theseus.analysis.JudgeState;
import io.theseus.analysis.MetricEvidence;
import io.theseus.analysis.MetricState;
import io.theseus.analysis.RatioCounts;
import io.theseus.analysis.TickEvidence;
import io.theseus.config.AnalysisConfig;
import io.theseus.controller.WarmUp;
import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.HookFigures;
import io.theseus.rollout.MetricLine;
import io.theseus.rollout.RolloutPhase;
import io.theseus.rollout.RolloutStatus;
import io.theseus.rollout.RolloutStatus.AnalysisRecord;
import io.theseus.rollout.StableBackup;
import io.theseus.rollout.Step;
import io.theseus.store.StaleStatusException;
import io.theseus.testing.EventLoopWatch;
import io.theseus.testing.RolloutFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class FileRolloutStoreTest {

  private static final CanaryRef REF = new CanaryRef("demo", "shop");
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @RegisterExtension final EventLoopWatch vertx = new EventLoopWatch();

  @TempDir Path dir;

  @BeforeAll
  static void loadClassesOffTheCheckedEventLoop() throws Exception {
    WarmUp.engine();
  }

  @Test
  void readsBackExactlyWhatItWroteIncludingTheJudgeState() throws Exception {
    RolloutStatus status = progressingWithJudgeState();
    FileRolloutStore store = new FileRolloutStore(vertx.get(), dir);
    await(vertx.get(), () -> store.write(REF, Optional.empty(), status));
    Optional<RolloutStatus> read =
        await(vertx.get(), () -> new FileRolloutStore(vertx.get(), dir).read(REF));
    assertThat(read).contains(status);
    try (Stream<Path> files = Files.list(dir.resolve("demo"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("shop.json");
    }
  }

  @Test
  void refusesAWriteDecidedFromAStatusTheFileNoLongerHolds() throws Exception {
    RolloutStatus created = RolloutStatus.created(T0);
    RolloutStatus progressing = progressingWithJudgeState();
    FileRolloutStore store = new FileRolloutStore(vertx.get(), dir);
    await(vertx.get(), () -> store.write(REF, Optional.empty(), created));
    await(vertx.get(), () -> store.write(REF, Optional.of(created), progressing));

    RolloutStatus stale = created.enter(RolloutPhase.FAILED, T0, "stale");
    assertThatThrownBy(() -> await(vertx.get(), () -> store.write(REF, Optional.empty(), stale)))
        .hasCauseInstanceOf(StaleStatusException.class);
    await(vertx.get(), () -> store.write(REF, Optional.of(created), progressing)); // a repeat

    assertThat(await(vertx.get(), () -> store.read(REF))).contains(progressing);
  }

  @Test
  void readsAStatusWrittenBeforePerformanceFiguresExistedWithNoneCaptured() throws Exception {
    FileRolloutStore store = new FileRolloutStore(vertx.get(), dir);
    await(vertx.get(), () -> store.write(REF, Optional.empty(), progressingWithJudgeState()));
    Path file = dir.resolve("demo/shop.json");
    String current = Files.readString(file);
    String older = current.replaceAll(",\\s*\"performance\"\\s*:\\s*\\[[^\\]]*\\]", "");
    assertThat(older).isNotEqualTo(current).doesNotContain("performance");
    Files.writeString(file, older);

    Optional<RolloutStatus> read = await(vertx.get(), () -> store.read(REF));

    assertThat(read).get().satisfies(s -> assertThat(s.analysis().performance()).isEmpty());
  }

  @Test
  void readsNothingForARolloutNeverWritten() throws Exception {
    assertThat(await(vertx.get(), () -> new FileRolloutStore(vertx.get(), dir).read(REF)))
        .isEmpty();
  }

  @Test
  void failsNamingTheRolloutAndFileWhenTheStatusIsCorrupt() throws Exception {
    Files.createDirectories(dir.resolve("demo"));
    Files.writeString(dir.resolve("demo/shop.json"), "{not json");
    assertThatThrownBy(
            () -> await(vertx.get(), () -> new FileRolloutStore(vertx.get(), dir).read(REF)))
        .hasMessageContaining("Canary(demo/shop): read status from")
        .hasMessageContaining("shop.json");
  }

  /**
   * A status mid-rollout whose judge state came from the real judge (NaN and infinite bounds), with
   * the error rate marked as held for a degraded stable (a restarted segment, held ticks).
   */
  private static RolloutStatus progressingWithJudgeState() {
    AnalysisConfig config = config();
    JudgeState state = JudgeState.initial();
    for (int tick = 1; tick <= 3; tick++) {
      Decision d = new Judge().decide(config, state, evidence(tick));
      state = d.state();
    }
    state = heldOnce(state, "error-rate");
    MetricLine line = new MetricLine("error-rate", "PASS", 0.001, 0.0012, 0.003, 0.4, 400.0, "ok");
    return RolloutStatus.created(T0)
        .withBackup(new StableBackup(3, "rev-1"))
        .enter(RolloutPhase.PROGRESSING, T0.plusSeconds(90), "passed 1%")
        .withStep(new Step(2, 25, T0.plusSeconds(90), true))
        .withAnalysis(
            new AnalysisRecord(
                "HOLD",
                "holding",
                List.of(line),
                1234,
                state,
                List.of(new HookFigures("checkout-perf", 1, 87.5, 20))));
  }

  private static JudgeState heldOnce(JudgeState state, String metric) {
    MetricState m = state.metric(metric);
    MetricState held =
        new MetricState(
            m.pastLogE(),
            m.stageLogE(),
            m.maxLogE(),
            m.ticks(),
            m.canary(),
            m.stable(),
            m.cuts(),
            m.canaryCells(),
            m.stableCells(),
            1,
            2);
    Map<String, MetricState> metrics = new java.util.HashMap<>(state.metrics());
    metrics.put(metric, held);
    return new JudgeState(
        state.stage(),
        state.weight(),
        state.stageStart(),
        state.ticks(),
        state.canaryRequests(),
        metrics,
        state.captured());
  }

  private static TickEvidence evidence(int tick) {
    HistogramCounts stable =
        HistogramCounts.of(Map.of(50.0, 900L, 100.0, 990L, Double.POSITIVE_INFINITY, 1000L));
    HistogramCounts canary =
        HistogramCounts.of(Map.of(50.0, 88L, 100.0, 99L, Double.POSITIVE_INFINITY, 100L));
    return new TickEvidence(
        T0.plusSeconds(30L * tick),
        1,
        Map.of(
            "error-rate", new MetricEvidence(new RatioCounts(1000, 1), new RatioCounts(100, 0)),
            "latency", new MetricEvidence(stable, canary)),
        Map.of());
  }

  private static AnalysisConfig config() {
    return RolloutFixtures.analysis(
        RolloutFixtures.errorRate(true), RolloutFixtures.latencyMs(true));
  }
}
