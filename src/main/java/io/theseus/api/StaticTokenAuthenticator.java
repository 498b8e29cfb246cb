package io.theseus.api;

import io.theseus.rollout.CanaryRef;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * One shared bearer token, for the demo and local runs. Tokens are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}: both sides are always 32 bytes, so the time taken does not depend
 * on where or whether the presented token differs, nor on its length. The caller may override
 * rollouts in every namespace, or only in the namespaces given.
 */
public final class StaticTokenAuthenticator implements Authenticator {

  /** The name recorded as {@code by} for overrides made with the static token. */
  public static final String CALLER = "static-token";

  private final byte[] expected;
  private final Set<String> namespaces;

  /**
   * @param token the token callers must present
   * @param namespaces namespaces whose rollouts the token may override; empty for all
   */
  public StaticTokenAuthenticator(String token, Set<String> namespaces) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token: must not be empty");
    }
    this.expected = digest(token);
    this.namespaces = Set.copyOf(namespaces);
  }

  /**
   * Reads the token from the first line of {@code file} (blocking: call it off the event loop).
   *
   * @throws IllegalArgumentException naming the file when it is unreadable or holds no token
   */
  public static StaticTokenAuthenticator fromFile(Path file) {
    try {
      String token = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
      if (token.isBlank()) {
        throw new IllegalArgumentException("--token-file: " + file + " holds no token");
      }
      return new StaticTokenAuthenticator(token.strip(), Set.of());
    } catch (IOException e) {
      throw new IllegalArgumentException("--token-file: " + file + " cannot be read: " + e, e);
    }
  }

  /** A fresh random token: 32 bytes from {@link SecureRandom}, URL-safe base64. */
  public static String randomToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public Future<Optional<Caller>> authenticate(String token) {
    return Future.succeededFuture(
        matches(token) ? Optional.of(new Caller(CALLER)) : Optional.empty());
  }

  @Override
  public Future<Boolean> mayOverride(Caller caller, CanaryRef ref) {
    return Future.succeededFuture(
        CALLER.equals(caller.name())
            && (namespaces.isEmpty() || namespaces.contains(ref.namespace())));
  }

  /** Constant-time: fixed-length digests compared in full, whatever the presented length. */
  boolean matches(String presented) {
    return MessageDigest.isEqual(expected, digest(presented == null ? "" : presented));
  }

  static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
