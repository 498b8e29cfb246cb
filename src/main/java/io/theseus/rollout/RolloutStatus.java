package io.theseus.rollout;

import io.theseus.analysis.JudgeState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The persisted state of a rollout: everything a restarted engine needs to resume where it stopped.
 * Changed only through {@link RolloutStateMachine}; every change is persisted before its side
 * effect counts as done.
 *
 * @param phase the current phase
 * @param phaseSince when the current phase began
 * @param reason why the rollout is in this phase, in one line
 * @param step the weight step and whether its hooks passed
 * @param backup the stable workload before the rollout, null until recorded in Pending
 * @param stableLowered whether the stable workload may be below its backup (set on Promoting)
 * @param outageSince when the current metrics outage began, null when metrics are healthy
 * @param pausedFrom the phase a Paused rollout resumes to, null when not paused
 * @param analysis the latest verdicts, counters and the judge's state
 * @param startedAt when the rollout was first seen
 * @param overrides accepted manual overrides, oldest first (the latest {@link #MAX_OVERRIDES});
 *     empty in statuses written before overrides existed
 */
public record RolloutStatus(
    RolloutPhase phase,
    Instant phaseSince,
    String reason,
    Step step,
    StableBackup backup,
    boolean stableLowered,
    Instant outageSince,
    RolloutPhase pausedFrom,
    AnalysisRecord analysis,
    Instant startedAt,
    List<OverrideRecord> overrides) {

  /** Overrides kept in status: the latest ones, so the status stays small. */
  public static final int MAX_OVERRIDES = 20; // the CRD's status.overrides maxItems

  public RolloutStatus {
    overrides = overrides == null ? List.of() : List.copyOf(overrides);
  }

  /**
   * The percent of ordinary traffic this status routes to the canary: the step's weight while the
   * canary is analysed (and while paused there), 100 from promotion on, 0 before the first step and
   * from the start of a rollback. {@link #step()} keeps the weight a rollback left, for the record.
   */
  public int canaryWeight() {
    RolloutPhase routing = phase == RolloutPhase.PAUSED && pausedFrom != null ? pausedFrom : phase;
    return switch (routing) {
      case BASELINE, PROGRESSING, PAUSED -> step.weight();
      case PROMOTING, FINALIZING, SUCCEEDED -> 100;
      case PENDING, INITIALIZING, DARK_CANARY, ROLLING_BACK, ROLLED_BACK, FAILED -> 0;
    };
  }

  /** A rollout that has just been created. */
  public static RolloutStatus created(Instant now) {
    return new RolloutStatus(
        RolloutPhase.PENDING,
        now,
        "created",
        Step.none(now),
        null,
        false,
        null,
        null,
        AnalysisRecord.EMPTY,
        now,
        List.of());
  }

  /** This status in a new phase entered now, for the reason given. */
  public RolloutStatus enter(RolloutPhase next, Instant now, String why) {
    return edit(
        e -> {
          e.phase = next;
          e.phaseSince = now;
          e.reason = why;
          e.outageSince = null;
        });
  }

  /** This status with another step. */
  public RolloutStatus withStep(Step next) {
    return edit(e -> e.step = next);
  }

  /** This status with the stable backup recorded. */
  public RolloutStatus withBackup(StableBackup recorded) {
    return edit(e -> e.backup = recorded);
  }

  /** This status with the stable workload allowed below its backup (promotion has begun). */
  public RolloutStatus withStableLowered() {
    return edit(e -> e.stableLowered = true);
  }

  /** This status with the metrics outage start (null when metrics are healthy again). */
  public RolloutStatus withOutageSince(Instant since) {
    return edit(e -> e.outageSince = since);
  }

  /** This status with the phase a pause resumes to. */
  public RolloutStatus withPausedFrom(RolloutPhase from) {
    return edit(e -> e.pausedFrom = from);
  }

  /** This status with the latest analysis recorded. */
  public RolloutStatus withAnalysis(AnalysisRecord latest) {
    return edit(e -> e.analysis = latest);
  }

  /**
   * This status with {@code record} appended to its overrides (the oldest dropped past the cap).
   */
  public RolloutStatus withOverride(OverrideRecord record) {
    List<OverrideRecord> all = new ArrayList<>(overrides);
    all.add(record);
    return edit(
        e -> e.overrides = all.subList(Math.max(0, all.size() - MAX_OVERRIDES), all.size()));
  }

  private RolloutStatus edit(Consumer<Edit> change) {
    Edit edit = new Edit(this);
    change.accept(edit);
    return edit.build();
  }

  /** A copy being changed: the one place besides the record header that lists every field. */
  private static final class Edit {
    private RolloutPhase phase;
    private Instant phaseSince;
    private String reason;
    private Step step;
    private StableBackup backup;
    private boolean stableLowered;
    private Instant outageSince;
    private RolloutPhase pausedFrom;
    private AnalysisRecord analysis;
    private final Instant startedAt;
    private List<OverrideRecord> overrides;

    private Edit(RolloutStatus s) {
      phase = s.phase;
      phaseSince = s.phaseSince;
      reason = s.reason;
      step = s.step;
      backup = s.backup;
      stableLowered = s.stableLowered;
      outageSince = s.outageSince;
      pausedFrom = s.pausedFrom;
      analysis = s.analysis;
      startedAt = s.startedAt;
      overrides = s.overrides;
    }

    private RolloutStatus build() {
      return new RolloutStatus(
          phase,
          phaseSince,
          reason,
          step,
          backup,
          stableLowered,
          outageSince,
          pausedFrom,
          analysis,
          startedAt,
          overrides);
    }
  }

  /** The latest override, or null when there has been none. */
  public OverrideRecord lastOverride() {
    return overrides.isEmpty() ? null : overrides.get(overrides.size() - 1);
  }

  /**
   * The latest analysis of a rollout.
   *
   * @param decision the judge's step decision of the latest tick ({@code ADVANCE}, {@code HOLD},
   *     {@code ROLLBACK}, {@code PAUSE}), empty before the first
   * @param summary the judge's one-line reason of the latest tick
   * @param metrics per-metric verdicts of the latest tick
   * @param canaryRequests canary requests seen in all analysed windows so far
   * @param judgeState the judge's state, carried from tick to tick
   * @param performance each performance hook's figures captured at its first run (the 1% step),
   *     which later steps are compared with; carried from tick to tick
   */
  public record AnalysisRecord(
      String decision,
      String summary,
      List<MetricLine> metrics,
      long canaryRequests,
      JudgeState judgeState,
      List<HookFigures> performance) {

    /** Nothing analysed yet. */
    public static final AnalysisRecord EMPTY =
        new AnalysisRecord("", "", List.of(), 0, JudgeState.initial(), List.of());

    public AnalysisRecord {
      metrics = List.copyOf(metrics);
      // A status written before performance figures existed reads back with none captured.
      performance = performance == null ? List.of() : List.copyOf(performance);
    }

    /** This record with the judge's step clock started again at {@code start}. */
    public AnalysisRecord withStepClockFrom(Instant start) {
      return new AnalysisRecord(
          decision,
          summary,
          metrics,
          canaryRequests,
          judgeState.withStepClockFrom(start),
          performance);
    }

    /** This record with the captured performance figures. */
    public AnalysisRecord withPerformance(List<HookFigures> captured) {
      return new AnalysisRecord(decision, summary, metrics, canaryRequests, judgeState, captured);
    }
  }
}
