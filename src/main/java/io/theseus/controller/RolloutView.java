package io.theseus.controller;

import io.theseus.rollout.RolloutSpec;
import io.theseus.rollout.RolloutStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * A rollout as the engine last saw it, for the API, the terminal and telemetry.
 *
 * @param spec what the rollout does
 * @param status its latest persisted status
 * @param updated when that status was last read or written
 * @param lastError why the latest tick failed, or null when it succeeded
 * @param tickTime wall time of the latest tick
 */
public record RolloutView(
    RolloutSpec spec, RolloutStatus status, Instant updated, String lastError, Duration tickTime) {}
