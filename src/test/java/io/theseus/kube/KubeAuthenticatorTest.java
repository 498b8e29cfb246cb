package io.theseus.kube;

import static io.theseus.controller.OnLoop.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.api.ApiAccess;
import io.theseus.api.ApiVerticle;
import io.theseus.api.ApiViews;
import io.theseus.api.Caller;
import io.theseus.api.MachineOverrides;
import io.theseus.api.ProcessMetrics;
import io.theseus.controller.WarmUp;
import io.theseus.rollout.CanaryRef;
import io.theseus.testing.EventLoopWatch;
import io.theseus.testing.ManualClock;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TokenReview and SubjectAccessReview through client-java against the mock API server, which
 * answers as a cluster would ({@link AccessReviews}): alice-token is alice in group ops, bob-token
 * bob in ops, and only alice may override rollouts, in namespace demo only.
 */
class KubeAuthenticatorTest {

  @RegisterExtension final EventLoopWatch vertx = new EventLoopWatch();

  private final KubeTestServer server = KubeTestServer.start();
  private final AccessReviews reviews =
      server
          .reviews()
          .token("alice-token", "alice", "ops")
          .token("bob-token", "bob", "ops")
          .token("carol-token", "carol", "sre")
          .allow("alice", "demo")
          .allow("sre", "prod");
  private final ManualClock clock = new ManualClock();
  private KubeCalls calls;
  private KubeAuthenticator auth;

  @BeforeAll
  static void loadHttpClassesOffTheCheckedEventLoop() throws Exception {
    WarmUp.http();
  }

  @BeforeEach
  void startAuthenticator() {
    calls =
        new KubeCalls(
            vertx.get(),
            new KubeCallOptions(
                2, Duration.ofSeconds(3), 1, Duration.ofMillis(100), Duration.ofMillis(100)));
    auth = new KubeAuthenticator(calls, server.client(), clock);
  }

  @AfterEach
  void stopServer() {
    calls.close();
    server.close();
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
    Caller carol = await(vertx.get(), () -> auth.authenticate("carol-token")).orElseThrow();
    assertThat(await(vertx.get(), () -> auth.mayOverride(carol, new CanaryRef("prod", "shop"))))
        .as("the caller's groups are part of the review")
        .isTrue();
  }

  @Test
  void answersAreReusedForTheTtlThenReviewedAgain() throws Exception {
    Optional<Caller> first = await(vertx.get(), () -> auth.authenticate("alice-token"));
    await(vertx.get(), () -> auth.authenticate("alice-token"));
    Caller alice = first.orElseThrow();
    await(vertx.get(), () -> auth.mayOverride(alice, new CanaryRef("demo", "shop")));
    await(vertx.get(), () -> auth.mayOverride(alice, new CanaryRef("demo", "shop")));
    assertThat(reviews.tokenReviews()).isEqualTo(1);
    assertThat(reviews.accessReviews()).isEqualTo(1);

    clock.advance(KubeAuthenticator.TTL.plusSeconds(1));
    await(vertx.get(), () -> auth.authenticate("alice-token"));
    await(vertx.get(), () -> auth.mayOverride(alice, new CanaryRef("demo", "shop")));
    assertThat(reviews.tokenReviews()).isEqualTo(2);
    assertThat(reviews.accessReviews()).isEqualTo(2);
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
            ApiVerticle.LOOPBACK,
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
    server.close();
    clock.advance(KubeAuthenticator.TTL.plusSeconds(1));
    HttpResponse<Buffer> outage = pause.apply("alice-token");
    assertThat(outage.statusCode()).isEqualTo(503);
    assertThat(outage.bodyAsJsonObject().getString("error"))
        .isEqualTo("cannot check the token now");
  }
}
