package io.theseus.kube;

import static io.theseus.controller.OnLoop.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubernetes.client.util.Config;
import io.theseus.api.Caller;
import io.theseus.controller.BlockingCallWatch;
import io.theseus.rollout.CanaryRef;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TokenReview and SubjectAccessReview through client-java against fabric8's mock API server, which
 * answers as a cluster would: alice-token is alice in group ops, and alice may override rollouts in
 * namespace demo only.
 */
class KubeAuthenticatorTest {

  @RegisterExtension final BlockingCallWatch vertx = new BlockingCallWatch();

  private final KubernetesMockServer server = new KubernetesMockServer(false);
  private final AtomicInteger tokenReviews = new AtomicInteger();
  private final AtomicInteger accessReviews = new AtomicInteger();
  private final SteppingClock clock = new SteppingClock();
  private KubeCalls calls;
  private KubeAuthenticator auth;

  @BeforeEach
  void startServer() {
    server.init();
    server
        .expect()
        .post()
        .withPath("/apis/authentication.k8s.io/v1/tokenreviews")
        .andReply(201, request -> tokenReview(new JsonObject(request.getUtf8Body())))
        .always();
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews")
        .andReply(201, request -> accessReview(new JsonObject(request.getUtf8Body())))
        .always();
    calls = new KubeCalls(vertx.get(), KubeCallOptions.DEFAULT);
    String url = server.url("/").replaceAll("/$", "");
    auth = new KubeAuthenticator(calls, Config.fromUrl(url, false), clock);
  }

  @AfterEach
  void stopServer() {
    calls.close();
    server.destroy();
  }

  private String tokenReview(JsonObject review) {
    tokenReviews.incrementAndGet();
    boolean alice = "alice-token".equals(review.getJsonObject("spec").getString("token"));
    JsonObject status =
        alice
            ? new JsonObject()
                .put("authenticated", true)
                .put(
                    "user", new JsonObject().put("username", "alice").put("groups", List.of("ops")))
            : new JsonObject().put("authenticated", false);
    return review.put("status", status).encode();
  }

  private String accessReview(JsonObject review) {
    accessReviews.incrementAndGet();
    JsonObject spec = review.getJsonObject("spec");
    JsonObject on = spec.getJsonObject("resourceAttributes");
    boolean allowed =
        "alice".equals(spec.getString("user"))
            && spec.getJsonArray("groups").contains("ops")
            && "theseus.io".equals(on.getString("group"))
            && "canaryrollouts".equals(on.getString("resource"))
            && "override".equals(on.getString("subresource"))
            && "update".equals(on.getString("verb"))
            && "demo".equals(on.getString("namespace"));
    return review.put("status", new JsonObject().put("allowed", allowed)).encode();
  }

  @Test
  void aReviewedTokenIsItsUserWithGroupsAndAnyOtherIsNobody() throws Exception {
    assertThat(await(vertx.get(), () -> auth.authenticate("alice-token")))
        .contains(new Caller("alice", List.of("ops")));
    assertThat(await(vertx.get(), () -> auth.authenticate("mallory-token"))).isEmpty();
  }

  @Test
  void overridingNeedsUpdateOnTheOverrideSubresourceInTheRolloutsNamespace() throws Exception {
    Caller alice = new Caller("alice", List.of("ops"));
    assertThat(await(vertx.get(), () -> auth.mayOverride(alice, new CanaryRef("demo", "shop"))))
        .isTrue();
    assertThat(await(vertx.get(), () -> auth.mayOverride(alice, new CanaryRef("prod", "shop"))))
        .isFalse();
    Caller bob = new Caller("bob", List.of("ops"));
    assertThat(await(vertx.get(), () -> auth.mayOverride(bob, new CanaryRef("demo", "shop"))))
        .isFalse();
  }

  @Test
  void answersAreReusedForTheTtlThenReviewedAgain() throws Exception {
    Optional<Caller> first = await(vertx.get(), () -> auth.authenticate("alice-token"));
    await(vertx.get(), () -> auth.authenticate("alice-token"));
    Caller alice = first.orElseThrow();
    await(vertx.get(), () -> auth.mayOverride(alice, new CanaryRef("demo", "shop")));
    await(vertx.get(), () -> auth.mayOverride(alice, new CanaryRef("demo", "shop")));
    assertThat(tokenReviews).hasValue(1);
    assertThat(accessReviews).hasValue(1);

    clock.advance(KubeAuthenticator.TTL.plusSeconds(1));
    await(vertx.get(), () -> auth.authenticate("alice-token"));
    await(vertx.get(), () -> auth.mayOverride(alice, new CanaryRef("demo", "shop")));
    assertThat(tokenReviews).hasValue(2);
    assertThat(accessReviews).hasValue(2);
  }

  /** A clock the test moves. */
  private static final class SteppingClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T10:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
