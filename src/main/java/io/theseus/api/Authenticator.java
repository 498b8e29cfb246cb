package io.theseus.api;

import io.theseus.rollout.CanaryRef;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Port: who presents a bearer token, and what they may do. The demo checks one static token ({@link
 * StaticTokenAuthenticator}); in a cluster a TokenReview / SubjectAccessReview implementation
 * answers. Implementations never block the event loop and time out their calls.
 */
public interface Authenticator {

  /**
   * Checks a bearer token.
   *
   * @param token the token as presented (without the {@code Bearer } prefix)
   * @return the caller, or empty when the token is not valid (401); fails when it cannot be checked
   *     now (the API answers 503)
   */
  Future<Optional<Caller>> authenticate(String token);

  /**
   * Whether {@code caller} may override rollout {@code ref}.
   *
   * @return true when allowed, false when not (403); fails when it cannot be checked now (503)
   */
  Future<Boolean> mayOverride(Caller caller, CanaryRef ref);
}
