package io.theseus.config;

/**
 * The least a step must observe before its verdicts may be PASS.
 *
 * @param canaryRequests requests served by the canary within the step, {@code >= 1}
 * @param ticks analysis ticks within the step, {@code >= 1}
 */
public record MinEvidence(long canaryRequests, int ticks) {}
