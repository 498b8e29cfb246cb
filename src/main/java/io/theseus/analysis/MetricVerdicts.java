package io.theseus.analysis;

import io.theseus.stats.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns a metric's step figures into a verdict, and builds the tolerance band it is held to. */
final class MetricVerdicts {

  private MetricVerdicts() {}

  /**
   * FAIL when the rollout e-value for "canary worse than the live stable" has crossed its threshold
   * (at any tick so far; for ratio metrics only while the canary's rate is beyond the captured
   * band, before capture the live stable's band {@code live}), or when the canary's bound on the
   * better side lies outside the band ({@code step.captured()}); PASS when the step has its minimum
   * evidence and the canary's bound on the worse side is inside the band (non-inferiority), or, in
   * the capture step of a rollout with later steps, when the band is captured and the canary's
   * figure is inside it (no regression detected; the later steps must still prove non-inferiority);
   * INCONCLUSIVE otherwise, including when there is no band to hold the canary to.
   */
  static Verdict verdict(MetricState state, Figures f, StepContext step, CapturedTolerance live) {
    CapturedTolerance band = step.captured();
    Interval canary = f.canary();
    boolean up = step.higherIsWorse();
    if (significantlyBeyond(state, f, step, live)) {
      String why = significant(state, f, step, live);
      return outcome(Verdict.Outcome.FAIL, why, state, f, step, reference(step, live));
    }
    if (band != null && step.worse(canary.better(up), band.limit())) {
      String why = "canary bound %s is outside the tolerance limit %s";
      return outcome(Verdict.Outcome.FAIL, bounds(why, canary.better(up), band), state, f, step);
    }
    if (!hasMinEvidence(state, f, step)) {
      return outcome(Verdict.Outcome.INCONCLUSIVE, tooLittle(state, f, step), state, f, step);
    }
    if (band == null) {
      return outcome(Verdict.Outcome.INCONCLUSIVE, noBand(f, step, live), state, f, step);
    }
    String pass = passReason(state, f, step);
    if (pass != null) {
      return outcome(Verdict.Outcome.PASS, pass, state, f, step);
    }
    String why = "canary bound %s does not yet rule out a regression beyond the limit %s";
    return outcome(
        Verdict.Outcome.INCONCLUSIVE, bounds(why, canary.worse(up), band), state, f, step);
  }

  /**
   * The verdict of a tick in which the live stable is outside the captured band ({@code why}): the
   * degradation is shared, so the canary is not held to the band. FAIL only when the e-process
   * against the live stable has crossed its threshold (a canary-specific regression); otherwise
   * INCONCLUSIVE, and the step's non-inferiority evidence restarts once the stable is back.
   */
  static Verdict heldForDegradedStable(MetricState state, Figures f, StepContext step, String why) {
    if (significantlyBeyond(state, f, step, step.captured())) {
      String reason = significant(state, f, step, step.captured());
      return outcome(Verdict.Outcome.FAIL, reason, state, f, step);
    }
    String reason =
        String.format(
            Locale.ROOT,
            "stable degraded too: %s; the canary is not held to the captured band while the"
                + " stable is outside it (e-value against the live stable e^%.2f < e^%.2f), the"
                + " step's deadline clock stops and its non-inferiority evidence restarts when the"
                + " stable is back",
            why,
            state.maxLogE(),
            step.logThreshold());
    return outcome(Verdict.Outcome.INCONCLUSIVE, reason, state, f, step);
  }

  /** A verdict of a tick whose stable is still degraded after the grace of a step deadline. */
  static Verdict graceOver(Verdict v, String why, Duration grace) {
    String reason =
        v.reason()
            + "; stable degraded too ("
            + why
            + ") for longer than the grace of "
            + grace
            + ": the captured band applies again";
    return new Verdict(
        v.metric(),
        v.outcome(),
        reason,
        v.statistic(),
        v.logE(),
        v.logThreshold(),
        v.lower(),
        v.upper(),
        v.canaryValue(),
        v.stableValue(),
        v.toleranceLimit(),
        v.canaryN(),
        v.stableN());
  }

  /**
   * The e-process FAIL: the rollout e-value has crossed its threshold and, for metrics whose
   * e-process has no tolerance slack ({@link MetricRule#failsOnFigure}), the canary's figure is
   * beyond the band ({@link #reference}); without a band (no stable data), the e-process alone
   * decides.
   */
  private static boolean significantlyBeyond(
      MetricState state, Figures f, StepContext step, CapturedTolerance live) {
    if (state.maxLogE() < step.logThreshold()) {
      return false;
    }
    CapturedTolerance band = reference(step, live);
    boolean byFigure = MetricRule.of(step.spec().kind()).failsOnFigure() && band != null;
    return !byFigure || step.worse(f.canaryValue(), band.limit());
  }

  /**
   * The band a ratio canary's figure is held to for the e-process FAIL: the captured one, or before
   * capture (in the first step, and in a step that never captured) the live stable's.
   */
  private static CapturedTolerance reference(StepContext step, CapturedTolerance live) {
    return step.captured() != null ? step.captured() : live;
  }

  /**
   * Why a step with its minimum evidence and a band passes, or null: the canary's worse-side bound
   * inside the band; a histogram's slow share proved inside its limit; or, in the capture step, the
   * canary's figure inside the captured band (no regression, the proof comes at later steps).
   */
  private static String passReason(MetricState state, Figures f, StepContext step) {
    CapturedTolerance band = step.captured();
    double worse = f.canary().worse(step.higherIsWorse());
    if (!Double.isNaN(worse) && !step.worse(worse, band.limit())) {
      return bounds("canary bound %s is within the tolerance limit %s", worse, band);
    }
    if (f.slowShare() != null && f.slowShare().proved()) {
      return slowShare(f.slowShare());
    }
    boolean inBand = !Double.isNaN(f.canaryValue()) && !step.worse(f.canaryValue(), band.limit());
    return step.captureStep() && inBand ? captured(state, f, step) : null;
  }

  /**
   * The band from the step's figures: the tolerance applied to the stable's bound on the worse side
   * (so it widens with the stable's noise). Null when the stable has no usable bound.
   */
  static CapturedTolerance band(MetricState state, Figures f, StepContext step, Instant at) {
    double stableBound = f.stable().worse(step.higherIsWorse());
    if (f.stableN() == 0 || !Double.isFinite(stableBound)) {
      return null;
    }
    double limit = allowed(stableBound, step);
    double slowShareLimit = MetricRule.of(step.spec().kind()).slowShareLimit(state, f, step);
    return new CapturedTolerance(
        f.stableValue(),
        f.stable(),
        f.canaryValue(),
        f.canary(),
        limit,
        state.cuts(),
        at,
        slowShareLimit,
        SlowShare.tailIndex(state.stable(), SlowShare.quantileCut(state.cuts())));
  }

  /** Why there is no band to hold the canary to; {@code live} is null without stable bounds. */
  private static String noBand(Figures f, StepContext step, CapturedTolerance live) {
    if (live == null) {
      return "no tolerance band: no capture yet and no finite stable bound to build one from";
    }
    return "no tolerance band captured yet: the stable's bound "
        + fmt(f.stable().worse(step.higherIsWorse()))
        + " is beyond what the tolerance allows around its figure "
        + fmt(f.stableValue())
        + " ("
        + fmt(allowed(f.stableValue(), step))
        + "), so a band now would be wider than configured; waiting for more stable data";
  }

  /** The step has its minimum ticks and (for request-counted metrics) canary requests. */
  static boolean hasMinEvidence(MetricState state, Figures f, StepContext step) {
    boolean enoughTicks = state.ticks() >= step.minEvidence().ticks();
    return enoughTicks
        && (!MetricRule.of(step.spec().kind()).countsRequests()
            || f.canaryN() >= step.minEvidence().canaryRequests());
  }

  /** The worst figure the tolerance allows around a stable figure; NaN for none. */
  static double allowed(double stable, StepContext step) {
    return Double.isNaN(stable)
        ? Double.NaN
        : step.spec().tolerance().limit(stable, step.spec().direction());
  }

  private static String significant(
      MetricState s, Figures f, StepContext step, CapturedTolerance live) {
    CapturedTolerance band = reference(step, live);
    String beyond =
        MetricRule.of(step.spec().kind()).failsOnFigure() && band != null
            ? "canary is worse than the live stable and beyond the tolerance (canary %s over the"
                + " limit "
                + fmt(band.limit())
                + ", stable %s)"
            : "canary is worse than the live stable by more than the tolerance (canary %s, stable"
                + " %s)";
    return String.format(
        Locale.ROOT,
        beyond + ": e-value e^%.2f >= e^%.2f",
        fmt(f.canaryValue()),
        fmt(f.stableValue()),
        s.maxLogE(),
        step.logThreshold());
  }

  private static String slowShare(SlowShare share) {
    return String.format(
        Locale.ROOT,
        "canary's share of requests slower than %s (%s) is proved below the limit %s (the captured"
            + " stable's share slower than the cut over 1 + the tolerance's relative width):"
            + " e-value e^%.2f >= e^%.2f",
        fmt(share.cut()),
        fmt(share.share()),
        fmt(share.limit()),
        share.logE(),
        share.logThreshold());
  }

  private static String captured(MetricState s, Figures f, StepContext step) {
    return String.format(
        Locale.ROOT,
        "tolerance captured and no regression: canary %s within the limit %s, e-value e^%.2f <"
            + " e^%.2f; the next steps must prove non-inferiority",
        fmt(f.canaryValue()),
        fmt(step.captured().limit()),
        s.maxLogE(),
        step.logThreshold());
  }

  private static String bounds(String template, double bound, CapturedTolerance band) {
    return String.format(Locale.ROOT, template, fmt(bound), fmt(band.limit()));
  }

  /** What the step still lacks of its minimum evidence (requests only for counted metrics). */
  private static String tooLittle(MetricState s, Figures f, StepContext step) {
    List<String> lacking = new ArrayList<>();
    if (s.ticks() < step.minEvidence().ticks()) {
      lacking.add(s.ticks() + " of the " + step.minEvidence().ticks() + " ticks needed");
    }
    boolean counted = MetricRule.of(step.spec().kind()).countsRequests();
    if (counted && f.canaryN() < step.minEvidence().canaryRequests()) {
      lacking.add(
          f.canaryN()
              + " of the "
              + step.minEvidence().canaryRequests()
              + " canary requests needed");
    }
    return "too little evidence in this step: " + String.join(", ", lacking);
  }

  private static Verdict outcome(
      Verdict.Outcome outcome, String reason, MetricState s, Figures f, StepContext step) {
    return outcome(outcome, reason, s, f, step, step.captured());
  }

  /** The verdict, showing {@code band}'s limit: the one its reason cites. */
  private static Verdict outcome(
      Verdict.Outcome outcome,
      String reason,
      MetricState s,
      Figures f,
      StepContext step,
      CapturedTolerance band) {
    return new Verdict(
        step.spec().name(),
        outcome,
        reason,
        f.statistic(),
        s.logE(),
        step.logThreshold(),
        f.canary().lower(),
        f.canary().upper(),
        f.canaryValue(),
        f.stableValue(),
        band == null ? Double.NaN : band.limit(),
        f.canaryN(),
        f.stableN());
  }

  static String fmt(double value) {
    return String.format(Locale.ROOT, "%.6g", value);
  }
}
