package io.theseus.rollout;

import io.theseus.config.AnalysisConfig;
import io.theseus.rollout.Observation.Analysed;
import io.theseus.rollout.Observation.Drained;
import io.theseus.rollout.Observation.HooksRan;
import io.theseus.rollout.Observation.WorkloadSeen;
import io.theseus.rollout.RolloutStatus.AnalysisRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The rollout phase machine of DESIGN.md §1, pure: a status and one tick's observation in, the next
 * status out. It never performs side effects; the shell persists the returned status and then
 * converges routes and workloads to it, so a repeated tick is harmless.
 */
public final class RolloutStateMachine {

  /** Canary requests in a window at or below which its traffic counts as drained (~0). */
  public static final long DRAINED_MAX_REQUESTS = 1;

  private final RolloutSpec spec;
  private final PerformanceBaseline performance;

  public RolloutStateMachine(RolloutSpec spec) {
    this.spec = spec;
    this.performance = new PerformanceBaseline(spec.analysis());
  }

  /** The next status after observing {@code seen} at {@code now}; terminal phases stay. */
  public RolloutStatus next(RolloutStatus status, Observation seen, Instant now) {
    return switch (status.phase()) {
      case PENDING -> validate(status, as(WorkloadSeen.class, seen, status), now);
      case INITIALIZING -> awaitCanary(status, as(WorkloadSeen.class, seen, status), now);
      case DARK_CANARY -> afterDarkCanarySmoke(status, as(HooksRan.class, seen, status), now);
      case BASELINE, PROGRESSING -> analyse(status, as(Analysed.class, seen, status), now);
      case PROMOTING -> afterPromotionSmoke(status, as(HooksRan.class, seen, status), now);
      case FINALIZING -> finish(status, as(WorkloadSeen.class, seen, status), now);
      case ROLLING_BACK -> afterDrainCheck(status, as(Drained.class, seen, status), now);
      case PAUSED -> recorded(status, as(Analysed.class, seen, status));
      case SUCCEEDED, ROLLED_BACK, FAILED -> status;
    };
  }

  /**
   * The status after a tick whose routes or workloads could not be brought to {@code status}
   * ({@code why}): unchanged until {@code progressDeadline} has passed since the phase (or, while
   * analysing, the step) began, then a rollback, or Failed when the rollback itself cannot
   * converge. Without this a rollout whose mesh or Deployments refuse every write would retry for
   * ever with nothing in its status.
   */
  public RolloutStatus unconverged(RolloutStatus status, Instant now, String why) {
    boolean analysing =
        status.phase() == RolloutPhase.BASELINE || status.phase() == RolloutPhase.PROGRESSING;
    Instant since = analysing ? status.step().since() : status.phaseSince();
    if (status.phase().terminal()
        || status.phase() == RolloutPhase.PENDING
        || status.phase() == RolloutPhase.PAUSED
        || !overdue(since, spec.limits().progressDeadline(), now)) {
      return status;
    }
    String stuck = "routes or workloads not converged within progressDeadline: " + why;
    return switch (status.phase()) {
      case ROLLING_BACK, FINALIZING ->
          status.enter(RolloutPhase.FAILED, now, status.reason() + "; " + stuck);
      default -> rollback(status, now, stuck);
    };
  }

  /** Pauses a running rollout: weights freeze, analysis keeps recording. */
  public RolloutStatus pause(RolloutStatus status, Instant now, String why) {
    if (status.phase().terminal() || status.phase() == RolloutPhase.PAUSED) {
      return status;
    }
    return status.withPausedFrom(status.phase()).enter(RolloutPhase.PAUSED, now, why);
  }

  /**
   * Resumes a paused rollout in the phase it left; its step deadline starts again now, both the
   * machine's and the judge's, so a long investigation does not end in a deadline rollback.
   */
  public RolloutStatus resume(RolloutStatus status, Instant now, String why) {
    if (status.phase() != RolloutPhase.PAUSED) {
      return status;
    }
    Step step = status.step();
    return status
        .enter(status.pausedFrom(), now, why)
        .withPausedFrom(null)
        .withStep(new Step(step.index(), step.weight(), now, step.hooksPassed()))
        .withAnalysis(status.analysis().withStepClockFrom(now));
  }

  /**
   * Judges a manual override against the current status. Promote skips the remaining analysis and
   * enters Promoting (the rollout then finalizes on its own ticks), rollback enters RollingBack,
   * pause and resume behave as {@link #pause} and {@link #resume}. The same action again while its
   * effect holds is a {@link OverrideOutcome.Repeated}; an action invalid in the current phase is
   * {@link OverrideOutcome.Rejected}.
   */
  public OverrideOutcome override(RolloutStatus status, OverrideRequest request, Instant now) {
    OverrideAction action = request.action();
    OverrideRecord last = status.lastOverride();
    if (last != null && last.action() == action && action.leadsTo(status.phase())) {
      return new OverrideOutcome.Repeated(last);
    }
    if (!action.validIn(status.phase())) {
      return new OverrideOutcome.Rejected(
          action
              + " is not valid in phase "
              + status.phase()
              + " (valid in "
              + validIn(action)
              + ")");
    }
    String why = "override " + action + " by " + request.by() + ": " + request.reason();
    RolloutStatus after =
        switch (action) {
          case PROMOTE -> promoteNow(status, now, why);
          case ROLLBACK -> rollback(status, now, why);
          case PAUSE -> pause(status, now, why);
          case RESUME -> resume(status, now, why);
        };
    OverrideRecord record =
        new OverrideRecord(
            action, request.reason(), request.by(), now, status.phase(), after.phase());
    return new OverrideOutcome.Applied(after.withOverride(record), record);
  }

  private static String validIn(OverrideAction action) {
    return String.join(
        ", ",
        Arrays.stream(RolloutPhase.values())
            .filter(action::validIn)
            .map(RolloutPhase::display)
            .toList());
  }

  /** Promoting at 100% with the stable allowed down, as after the last step passed. */
  private RolloutStatus promoteNow(RolloutStatus status, Instant now, String why) {
    int last = config().steps().size() - 1;
    return status
        .withPausedFrom(null)
        .withStableLowered()
        .withStep(new Step(last, config().steps().get(last), now, false))
        .enter(RolloutPhase.PROMOTING, now, why);
  }

  private RolloutStatus validate(RolloutStatus status, WorkloadSeen stable, Instant now) {
    List<String> problems = spec.problems();
    if (!problems.isEmpty()) {
      return status.enter(RolloutPhase.FAILED, now, String.join("; ", problems));
    }
    if (!stable.exists()) {
      return status.enter(
          RolloutPhase.FAILED,
          now,
          "spec.stable.deployment: " + spec.stable().workload() + " does not exist");
    }
    return status
        .withBackup(new StableBackup(stable.replicas(), stable.revision()))
        .enter(RolloutPhase.INITIALIZING, now, "stable backed up at " + stable.replicas());
  }

  private RolloutStatus awaitCanary(RolloutStatus status, WorkloadSeen canary, Instant now) {
    if (canary.available()) {
      return status.enter(RolloutPhase.DARK_CANARY, now, "canary available");
    }
    if (overdue(status.phaseSince(), spec.limits().progressDeadline(), now)) {
      return rollback(status, now, "canary not available within progressDeadline");
    }
    return status;
  }

  private RolloutStatus afterDarkCanarySmoke(RolloutStatus status, HooksRan ran, Instant now) {
    if (!ran.outcome().passed()) {
      return rollback(status, now, "dark-canary smoke failed: " + ran.outcome().detail());
    }
    int first = config().steps().get(0);
    return status
        .enter(RolloutPhase.BASELINE, now, "dark-canary smoke passed")
        .withStep(new Step(0, first, now, false));
  }

  private RolloutStatus analyse(RolloutStatus status, Analysed tick, Instant now) {
    HookOutcome hooks = performance.compare(status.analysis().performance(), tick.stepHooks());
    if (hooks != null && !hooks.passed()) {
      return rollback(status, now, "step hooks failed: " + hooks.detail());
    }
    RolloutStatus seen = recorded(status, tick);
    if (hooks != null) {
      List<HookFigures> captured =
          PerformanceBaseline.capture(status.analysis().performance(), hooks);
      seen =
          seen.withStep(seen.step().withHooksPassed())
              .withAnalysis(seen.analysis().withPerformance(captured));
    }
    if (tick.outage() != null) {
      return underOutage(seen, tick, now);
    }
    Judgement judgement = tick.judgement();
    return switch (judgement.action()) {
      case ROLLBACK -> rollback(seen, now, judgement.reason());
      case ADVANCE -> advance(seen, now, judgement.reason());
      case HOLD -> holdUntilDeadline(seen.withOutageSince(null), now);
      case PAUSE -> pause(seen.withOutageSince(null), now, judgement.reason());
    };
  }

  /**
   * Weights freeze while metrics are out. A FAIL from the metrics that did answer still rolls back;
   * a step deadline does not run out during an outage, so a rollback with no FAIL (the deadline's)
   * waits, and the deadline applies again from the first tick after the outage.
   */
  private RolloutStatus underOutage(RolloutStatus status, Analysed tick, Instant now) {
    Judgement judgement = tick.judgement();
    boolean failed = judgement.metrics().stream().anyMatch(MetricLine::failed);
    if (judgement.action() == Judgement.Action.ROLLBACK && failed) {
      return rollback(status, now, judgement.reason());
    }
    Instant since = status.outageSince() == null ? now : status.outageSince();
    if (overdue(since, spec.limits().metricsOutageDeadline(), now)) {
      return rollback(
          status, now, "metrics outage since " + since + " exceeded metricsOutageDeadline");
    }
    return status.withOutageSince(since);
  }

  private RolloutStatus advance(RolloutStatus status, Instant now, String why) {
    int next = status.step().index() + 1;
    List<Integer> steps = config().steps();
    String passed = "passed " + status.step().weight() + "%: " + why;
    if (next < steps.size()) {
      return status
          .enter(RolloutPhase.PROGRESSING, now, passed)
          .withStep(new Step(next, steps.get(next), now, false));
    }
    return status.withStableLowered().enter(RolloutPhase.PROMOTING, now, passed);
  }

  private RolloutStatus holdUntilDeadline(RolloutStatus status, Instant now) {
    if (!overdue(status.step().since(), config().stepDeadline(), now)) {
      return status;
    }
    String why = "inconclusive at " + status.step().weight() + "% after stepDeadline";
    return switch (config().onInconclusive()) {
      case ROLLBACK -> rollback(status, now, why);
      case PAUSE -> pause(status, now, why);
      case ADVANCE -> advance(status, now, why);
    };
  }

  private RolloutStatus afterPromotionSmoke(RolloutStatus status, HooksRan ran, Instant now) {
    if (!ran.outcome().passed()) {
      return rollback(status, now, "post-promotion smoke failed: " + ran.outcome().detail());
    }
    return status.enter(RolloutPhase.FINALIZING, now, "post-promotion smoke passed");
  }

  private RolloutStatus finish(RolloutStatus status, WorkloadSeen canary, Instant now) {
    return status.enter(
        RolloutPhase.SUCCEEDED, now, "promoted " + spec.canary().version() + revision(canary));
  }

  private RolloutStatus afterDrainCheck(RolloutStatus status, Drained drained, Instant now) {
    Long requests = drained.canaryRequests();
    if (requests != null && requests <= DRAINED_MAX_REQUESTS) {
      return status.enter(RolloutPhase.ROLLED_BACK, now, status.reason());
    }
    if (overdue(status.phaseSince(), spec.limits().progressDeadline(), now)) {
      String left = requests == null ? "unknown" : requests + " requests per window";
      return status.enter(
          RolloutPhase.FAILED,
          now,
          status.reason() + "; canary traffic not drained within progressDeadline (" + left + ")");
    }
    return status;
  }

  private static RolloutStatus recorded(RolloutStatus status, Analysed tick) {
    Judgement j = tick.judgement();
    AnalysisRecord before = status.analysis();
    return status.withAnalysis(
        new AnalysisRecord(
            j.action().name(),
            j.reason(),
            j.metrics(),
            before.canaryRequests() + tick.canaryRequests(),
            j.state(),
            before.performance()));
  }

  private RolloutStatus rollback(RolloutStatus status, Instant now, String why) {
    String where = status.phase().display() + " at " + status.step().weight() + "%";
    return status
        .withPausedFrom(null)
        .enter(RolloutPhase.ROLLING_BACK, now, why + " (" + where + ")");
  }

  private AnalysisConfig config() {
    return spec.analysis();
  }

  private static String revision(WorkloadSeen canary) {
    return canary.revision() == null || canary.revision().isBlank()
        ? ""
        : " (revision " + canary.revision() + ")";
  }

  private static boolean overdue(Instant since, Duration limit, Instant now) {
    return Duration.between(since, now).compareTo(limit) > 0;
  }

  private static <T extends Observation> T as(Class<T> kind, Observation seen, RolloutStatus s) {
    if (!kind.isInstance(seen)) {
      throw new IllegalArgumentException(
          "phase " + s.phase() + " needs " + kind.getSimpleName() + ", got " + seen);
    }
    return kind.cast(seen);
  }
}
