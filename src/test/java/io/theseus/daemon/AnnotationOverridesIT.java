package io.theseus.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.theseus.controller.Overrides;
import io.theseus.controller.UnknownRolloutException;
import io.theseus.kube.CanaryRolloutResource;
import io.theseus.kube.CanaryRollouts;
import io.theseus.kube.KubeCallOptions;
import io.theseus.kube.KubeCalls;
import io.theseus.kube.KubeEvents;
import io.theseus.kube.KubeTestServer;
import io.theseus.kube.VertxLoop;
import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.OverrideOutcome;
import io.theseus.rollout.OverrideRecord;
import io.theseus.rollout.OverrideRequest;
import io.theseus.rollout.RolloutPhase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AnnotationOverrides} against the mock API server, with an engine that records what it is
 * asked and answers each request as a repeat (or as the test says): when a pair is submitted, and
 * when it is not.
 */
class AnnotationOverridesIT {

  private static final CanaryRef REF = new CanaryRef("shop", "shop");

  private final KubeTestServer server = KubeTestServer.start();
  private final VertxLoop loop = new VertxLoop();
  private final Queue<OverrideRequest> asked = new ConcurrentLinkedQueue<>();
  private KubeCalls kube;
  private CanaryRollouts rollouts;
  private Future<OverrideOutcome> answer;

  @BeforeEach
  void start() {
    // One attempt per call, so a single injected fault fails a removal.
    kube =
        new KubeCalls(
            loop.vertx(),
            new KubeCallOptions(
                2, Duration.ofSeconds(5), 1, Duration.ofMillis(10), Duration.ofMillis(10)));
    rollouts = new CanaryRollouts(kube, server.client());
    JsonObject cr =
        JsonParser.parseString(
                """
                {"apiVersion": "theseus.io/v1alpha1", "kind": "CanaryRollout",
                 "metadata": {"name": "shop", "namespace": "shop", "annotations": {
                   "theseus.io/override": "pause", "theseus.io/override-reason": "p99"}},
                 "spec": {}}
                """)
            .getAsJsonObject();
    assertThat(admin().create(new DynamicKubernetesObject(cr)).isSuccess()).isTrue();
  }

  @AfterEach
  void stop() {
    kube.close();
    loop.close();
    server.close();
  }

  private DynamicKubernetesApi admin() {
    return new DynamicKubernetesApi("theseus.io", "v1alpha1", "canaryrollouts", server.client());
  }

  private AnnotationOverrides annotations() {
    Overrides engine =
        (ref, request) -> {
          asked.add(request);
          return answer != null ? answer : Future.succeededFuture(repeat(request));
        };
    return new AnnotationOverrides(
        engine, rollouts, new KubeEvents(kube, server.client(), "theseus-a", Clock.systemUTC()));
  }

  private static OverrideOutcome repeat(OverrideRequest request) {
    return new OverrideOutcome.Repeated(
        new OverrideRecord(
            request.action(),
            request.reason(),
            request.by(),
            Instant.now(),
            RolloutPhase.BASELINE,
            RolloutPhase.PAUSED));
  }

  /** The rollout as the server holds it; call it off the event loop. */
  private CanaryRolloutResource read() {
    return loop.await(() -> rollouts.read(REF)).orElseThrow();
  }

  private Map<String, String> annotationsOnServer() {
    return read().annotations();
  }

  @Test
  void submitsThePairAsTheKubectlCallerAndRemovesIt() {
    CanaryRolloutResource annotated = read();
    assertThat(loop.await(() -> annotations().apply(annotated))).as("settled").isTrue();

    assertThat(asked)
        .extracting(r -> r.action().wire(), OverrideRequest::reason, OverrideRequest::by)
        .containsExactly(tuple("pause", "p99", "annotation:kubectl"));
    assertThat(annotationsOnServer()).isEmpty();
  }

  @Test
  void aCopyReadBeforeTheRemovalIsNotSubmittedAgain() {
    AnnotationOverrides annotations = annotations();
    CanaryRolloutResource stale = read();

    assertThat(loop.await(() -> annotations.apply(stale))).as("settled").isTrue();
    assertThat(loop.await(() -> annotations.apply(stale))).as("skipped, settled").isTrue();

    assertThat(asked).hasSize(1);
  }

  @Test
  void whenTheRemovalFailsTheNextPassSubmitsTheSameActionAgain() {
    AnnotationOverrides annotations = annotations();
    server.failNext("PATCH", "/canaryrollouts/shop", 500, false, 1);

    CanaryRolloutResource first = read();
    assertThat(loop.await(() -> annotations.apply(first))).as("to be retried").isFalse();
    CanaryRolloutResource second = read();
    assertThat(second.annotations()).containsKey(AnnotationOverrides.ACTION);
    assertThat(loop.await(() -> annotations.apply(second))).as("settled").isTrue();

    assertThat(asked).hasSize(2).allSatisfy(r -> assertThat(r).isEqualTo(asked.peek()));
    assertThat(annotationsOnServer()).isEmpty();
  }

  @Test
  void aPassWhileTheRolloutsAnnotationsAreInFlightIsSkipped() {
    AnnotationOverrides annotations = annotations();
    Promise<OverrideOutcome> slow = Promise.promise();
    answer = slow.future();
    CanaryRolloutResource resource = read();

    Future<Boolean> first = loop.await(() -> Future.succeededFuture(annotations.apply(resource)));
    loop.await(() -> annotations.apply(resource));
    assertThat(asked).hasSize(1);
    loop.await(
        () -> {
          slow.complete(repeat(asked.peek()));
          return first;
        });

    assertThat(asked).hasSize(1);
    assertThat(annotationsOnServer()).isEmpty();
  }

  @Test
  void anOverrideTheEngineCannotTakeNowLeavesTheAnnotationsInPlace() {
    answer = Future.failedFuture(new UnknownRolloutException(REF));
    CanaryRolloutResource annotated = read();

    assertThat(loop.await(() -> annotations().apply(annotated))).as("to be retried").isFalse();

    assertThat(annotationsOnServer())
        .containsOnlyKeys(AnnotationOverrides.ACTION, AnnotationOverrides.REASON);
    assertThat(asked).hasSize(1);
  }
}
