package io.theseus.rollout;

/**
 * A manual override as asked, before the rollout machine has judged it.
 *
 * @param action what to do
 * @param reason why, as the caller gave it (validated by the shell: non-empty, bounded)
 * @param by who asks (the authenticated caller)
 */
public record OverrideRequest(OverrideAction action, String reason, String by) {}
