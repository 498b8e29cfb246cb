package io.theseus.api;

/**
 * Whoever presented valid credentials to the API.
 *
 * @param name who, as recorded with an override (a user name, a service account, {@code
 *     static-token})
 */
public record Caller(String name) {}
