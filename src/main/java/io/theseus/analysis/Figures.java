package io.theseus.analysis;

import io.theseus.stats.Interval;

/**
 * A metric's figures in the current step, computed from its state.
 *
 * @param statistic which test the e-value comes from
 * @param canaryValue the canary's point figure (NaN without data)
 * @param canary the canary's confidence bounds
 * @param stableValue the stable's point figure (NaN without data)
 * @param stable the stable's confidence bounds
 * @param canaryN canary observations in the step
 * @param stableN stable observations in the step
 * @param slowShare histograms after capture: the canary's share slower than the quantile cut and
 *     its limit; null otherwise
 */
record Figures(
    String statistic,
    double canaryValue,
    Interval canary,
    double stableValue,
    Interval stable,
    long canaryN,
    long stableN,
    SlowShare slowShare) {}
