package io.theseus.api;

import io.theseus.controller.Overrides;

/**
 * Who may use the API and what it may change.
 *
 * @param authenticator checks bearer tokens and the right to override
 * @param overrides where accepted overrides go
 * @param openReads whether the read endpoints ({@code GET /api/v1/...}) answer without a token;
 *     {@code /healthz}, {@code /readyz} and {@code /metrics} are always open
 */
public record ApiAccess(Authenticator authenticator, Overrides overrides, boolean openReads) {}
