package io.theseus.kube;

import static io.theseus.controller.OnLoop.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubernetes.client.util.Config;
import io.theseus.api.ApiAccess;
import io.theseus.api.ApiVerticle;
import io.theseus.api.ApiViews;
import io.theseus.api.Caller;
import io.theseus.api.MachineOverrides;
import io.theseus.api.ProcessMetrics;
import io.theseus.controller.WarmUp;
import io.theseus.rollout.CanaryRef;
import io.theseus.testing.EventLoopWatch;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TokenReview and SubjectAccessReview through client-java against fabric8's mock API server, which
 * answers as a cluster would: alice-token is alice in group ops, and alice may override rollouts in
 * namespace demo only.
 */
class KubeAuthenticatorTest {

  @RegisterExtension final EventLoopWatch vertx = new EventLoopWatch();

  private final KubernetesMockServer server = new KubernetesMockServer(false);
  private final AtomicInteger tokenReviews = new AtomicInteger();
  private final AtomicInteger accessReviews = new AtomicInteger();
  private final SteppingClock clock = new SteppingClock();
  private KubeCalls calls;
  private KubeAuthenticator auth;

  @BeforeAll
  static void loadHttpClassesOffTheCheckedEventLoop() throws Exception {
    WarmUp.http();
  }

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
    calls =
        new KubeCalls(
            vertx.get(),
            new KubeCallOptions(
                2, Duration.ofSeconds(3), 1, Duration.ofMillis(100), Duration.ofMillis(100)));
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
    String token = review.getJsonObject("spec").getString("token");
    String user = token.endsWith("-token") ? token.substring(0, token.length() - 6) : null;
    JsonObject status =
        user != null && List.of("alice", "bob").contains(user)
            ? new JsonObject()
                .put("authenticated", true)
                .put("user", new JsonObject().put("username", user).put("groups", List.of("ops")))
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

  @Test
  void throughTheApiAliceOverridesBobIsForbiddenOthersAreUnauthorisedAndAnOutageIs503()
      throws Exception {
    MachineOverrides engine = new MachineOverrides(ApiViews.shopAt25());
    ApiVerticle api =
        new ApiVerticle(
            engine,
            ProcessMetrics.create("test"),
            () -> true,
            0,
            new ApiAccess(auth, engine, false));
    await(vertx.get(), () -> vertx.get().deployVerticle(api));
    WebClient client = WebClient.create(vertx.get());
    Function<String, HttpResponse<Buffer>> pause =
        token -> {
          try {
            return await(
                vertx.get(),
                () ->
                    client
                        .post(api.actualPort(), "127.0.0.1", "/api/v1/rollouts/demo/shop/override")
                        .putHeader("Authorization", "Bearer " + token)
                        .timeout(10_000)
                        .sendJsonObject(
                            new JsonObject().put("action", "pause").put("reason", "checking")));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };

    assertThat(pause.apply("mallory").statusCode()).isEqualTo(401);
    assertThat(pause.apply("bob-token").statusCode()).isEqualTo(403);
    HttpResponse<Buffer> alice = pause.apply("alice-token");
    assertThat(alice.statusCode()).isEqualTo(202);
    assertThat(alice.bodyAsJsonObject().getString("by")).isEqualTo("alice");
    server.destroy();
    clock.advance(KubeAuthenticator.TTL.plusSeconds(1));
    HttpResponse<Buffer> outage = pause.apply("alice-token");
    assertThat(outage.statusCode()).isEqualTo(503);
    assertThat(outage.bodyAsJsonObject().getString("error"))
        .isEqualTo("cannot check the token now");
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
