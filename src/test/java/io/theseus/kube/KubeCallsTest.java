package io.theseus.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.ApiException;
import io.vertx.core.Future;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KubeCallsTest {

  private static final KubeRef WEB = new KubeRef("Deployment", "shop", "web");
  private static final KubeCallOptions FAST =
      new KubeCallOptions(
          2, Duration.ofMillis(300), 3, Duration.ofMillis(10), Duration.ofMillis(40));

  private final VertxLoop loop = new VertxLoop();
  private final KubeCalls kube = new KubeCalls(loop.vertx(), FAST);
  private final CountDownLatch hung = new CountDownLatch(1);

  @AfterEach
  void stop() throws Exception {
    hung.countDown();
    kube.close();
    loop.close();
  }

  @Test
  void runsCallsOnTheKubeOpsPool() {
    String thread =
        loop.await(() -> kube.call(WEB, "read", () -> Thread.currentThread().getName()));

    assertThat(thread).startsWith(KubeCalls.POOL);
  }

  @Test
  void aHungCallTimesOutAsNoResponseNamingTheObject() {
    Throwable failure =
        loop.failure(
            () ->
                kube.<Void>call(
                    WEB,
                    "read",
                    () -> {
                      hung.await();
                      return null;
                    }));

    assertThat(failure).isInstanceOf(KubeApiException.class);
    var api = (KubeApiException) failure;
    assertThat(api.code()).isEqualTo(KubeApiException.NO_RESPONSE);
    assertThat(api.retryable()).isTrue();
    assertThat(api).hasMessageStartingWith("Deployment shop/web: read failed: timed out");
  }

  @Test
  void anApiErrorKeepsItsCodeAndTheServersMessage() {
    var notFound =
        new ApiException(
            404,
            Map.of(),
            "{\"kind\":\"Status\",\"message\":\"deployments \\\"web\\\" not found\"}");

    Throwable failure =
        loop.failure(
            () ->
                kube.call(
                    WEB,
                    "scale",
                    () -> {
                      throw notFound;
                    }));

    assertThat(failure)
        .isInstanceOf(KubeApiException.class)
        .hasMessage("Deployment shop/web: scale failed: HTTP 404: deployments \"web\" not found");
    assertThat(((KubeApiException) failure).notFound()).isTrue();
  }

  @Test
  void anIoFailureIsNoResponse() {
    Throwable failure =
        loop.failure(
            () ->
                kube.call(
                    WEB,
                    "read",
                    () -> {
                      throw new IllegalStateException(new SocketTimeoutException("timeout"));
                    }));

    assertThat(((KubeApiException) failure).code()).isEqualTo(KubeApiException.NO_RESPONSE);
  }

  @Test
  void retriesTransientFailuresUntilTheAttemptSucceeds() {
    var attempts = new AtomicInteger();

    String result =
        loop.await(
            () ->
                kube.retry(
                    () ->
                        attempts.incrementAndGet() < 3
                            ? Future.failedFuture(failure(attempts.get() == 1 ? 409 : 503))
                            : Future.succeededFuture("done")));

    assertThat(result).isEqualTo("done");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void stopsAfterMaxAttemptsAndNeverRetriesAPermanentFailure() {
    var transientAttempts = new AtomicInteger();
    var permanentAttempts = new AtomicInteger();

    Throwable exhausted =
        loop.failure(
            () ->
                kube.retry(
                    () -> {
                      transientAttempts.incrementAndGet();
                      return Future.failedFuture(failure(500));
                    }));
    Throwable permanent =
        loop.failure(
            () ->
                kube.retry(
                    () -> {
                      permanentAttempts.incrementAndGet();
                      return Future.failedFuture(failure(422));
                    }));

    assertThat(((KubeApiException) exhausted).code()).isEqualTo(500);
    assertThat(transientAttempts).hasValue(3);
    assertThat(((KubeApiException) permanent).code()).isEqualTo(422);
    assertThat(permanentAttempts).hasValue(1);
  }

  @Test
  void backoffDoublesWithHalfJitterAndIsCapped() {
    var options =
        new KubeCallOptions(
            1, Duration.ofSeconds(1), 5, Duration.ofMillis(200), Duration.ofSeconds(3));
    var random = new SplittableRandom(42);

    for (int i = 0; i < 200; i++) {
      assertThat(options.backoffMillis(1, random)).isBetween(100L, 200L);
      assertThat(options.backoffMillis(3, random)).isBetween(400L, 800L);
      assertThat(options.backoffMillis(30, random)).isBetween(1500L, 3000L);
    }
  }

  @Test
  void optionsNameTheBadField() {
    var problems =
        List.of(
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    new KubeCallOptions(
                        0, Duration.ofSeconds(1), 1, Duration.ofMillis(1), Duration.ofMillis(1))),
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    new KubeCallOptions(
                        1, Duration.ofSeconds(1), 1, Duration.ofMillis(10), Duration.ofMillis(1))));

    assertThat(problems.get(0))
        .hasMessage("kube call options: poolSize: 0 is not allowed (at least 1)");
    assertThat(problems.get(1))
        .hasMessage("kube call options: maxDelay: PT0.001S is not allowed (at least baseDelay)");
  }

  private static KubeApiException failure(int code) {
    return new KubeApiException(code, WEB, "patch", "HTTP " + code, null);
  }
}
