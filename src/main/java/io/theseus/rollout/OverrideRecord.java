package io.theseus.rollout;

import java.time.Instant;

/**
 * One accepted manual override, as kept in the rollout's status.
 *
 * @param action what was asked
 * @param reason why, as the caller gave it
 * @param by who asked (the authenticated caller)
 * @param at when the override was applied
 * @param phaseBefore the phase it was applied in
 * @param phaseAfter the phase it led to
 */
public record OverrideRecord(
    OverrideAction action,
    String reason,
    String by,
    Instant at,
    RolloutPhase phaseBefore,
    RolloutPhase phaseAfter) {}
