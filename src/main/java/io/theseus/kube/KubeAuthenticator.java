package io.theseus.kube;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.AuthenticationV1Api;
import io.kubernetes.client.openapi.apis.AuthorizationV1Api;
import io.kubernetes.client.openapi.models.V1ResourceAttributes;
import io.kubernetes.client.openapi.models.V1SubjectAccessReview;
import io.kubernetes.client.openapi.models.V1SubjectAccessReviewSpec;
import io.kubernetes.client.openapi.models.V1TokenReview;
import io.kubernetes.client.openapi.models.V1TokenReviewSpec;
import io.kubernetes.client.openapi.models.V1TokenReviewStatus;
import io.theseus.api.Authenticator;
import io.theseus.api.Caller;
import io.theseus.rollout.CanaryRef;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * In-cluster API authentication: the bearer token is checked with a TokenReview, the right to
 * override with a SubjectAccessReview (verb {@code update} on {@code canaryrollouts/override} in
 * group {@code theseus.io}, in the rollout's namespace). Answers are cached for {@link #TTL} so a
 * burst of requests costs one review; tokens are cached by their SHA-256 digest, never in clear.
 * Both reviews go through {@link KubeCalls} (worker pool, timeout).
 */
public final class KubeAuthenticator implements Authenticator {

  /** How long a review's answer is reused. */
  public static final Duration TTL = Duration.ofSeconds(10);

  private static final int MAX_CACHED = 1024;

  /** What a failed token review names in its error: the review, never the token. */
  private static final KubeRef REVIEW = new KubeRef("TokenReview", "-", "-");

  private final KubeCalls calls;
  private final AuthenticationV1Api authentication;
  private final AuthorizationV1Api authorization;
  private final Clock clock;
  private final Map<String, Cached<Optional<Caller>>> tokens = new ConcurrentHashMap<>();
  private final Map<String, Cached<Boolean>> decisions = new ConcurrentHashMap<>();

  public KubeAuthenticator(KubeCalls calls, ApiClient client, Clock clock) {
    this.calls = calls;
    this.authentication = new AuthenticationV1Api(client);
    this.authorization = new AuthorizationV1Api(client);
    this.clock = clock;
  }

  @Override
  public Future<Optional<Caller>> authenticate(String token) {
    return cached(
        tokens,
        digest(token),
        () -> calls.call(REVIEW, "review token", () -> reviewBlocking(token)));
  }

  @Override
  public Future<Boolean> mayOverride(Caller caller, CanaryRef ref) {
    String key = caller.name() + "\u0000" + caller.groups() + "\u0000" + ref.path();
    KubeRef on = new KubeRef("CanaryRollout", ref.namespace(), ref.name());
    return cached(
        decisions, key, () -> calls.call(on, "review access", () -> allowedBlocking(caller, ref)));
  }

  private Optional<Caller> reviewBlocking(String token) throws Exception {
    V1TokenReview review =
        authentication
            .createTokenReview(new V1TokenReview().spec(new V1TokenReviewSpec().token(token)))
            .execute();
    V1TokenReviewStatus status = review.getStatus();
    if (status == null
        || !Boolean.TRUE.equals(status.getAuthenticated())
        || status.getUser() == null) {
      return Optional.empty();
    }
    List<String> groups = status.getUser().getGroups();
    return Optional.of(
        new Caller(status.getUser().getUsername(), groups == null ? List.of() : groups));
  }

  private Boolean allowedBlocking(Caller caller, CanaryRef ref) throws Exception {
    V1ResourceAttributes attributes =
        new V1ResourceAttributes()
            .group("theseus.io")
            .resource("canaryrollouts")
            .subresource("override")
            .verb("update")
            .namespace(ref.namespace())
            .name(ref.name());
    V1SubjectAccessReviewSpec spec =
        new V1SubjectAccessReviewSpec()
            .user(caller.name())
            .groups(caller.groups())
            .resourceAttributes(attributes);
    V1SubjectAccessReview review =
        authorization.createSubjectAccessReview(new V1SubjectAccessReview().spec(spec)).execute();
    return review.getStatus() != null && review.getStatus().getAllowed();
  }

  private <T> Future<T> cached(
      Map<String, Cached<T>> cache, String key, Supplier<Future<T>> review) {
    Instant now = clock.instant();
    Cached<T> hit = cache.get(key);
    if (hit != null && now.isBefore(hit.until())) {
      return Future.succeededFuture(hit.value());
    }
    return review
        .get()
        .onSuccess(
            value -> {
              if (cache.size() >= MAX_CACHED) {
                cache.clear(); // bounded: a flood of distinct tokens cannot grow the heap
              }
              cache.put(key, new Cached<>(value, now.plus(TTL)));
            });
  }

  private static String digest(String token) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private record Cached<T>(T value, Instant until) {}
}
