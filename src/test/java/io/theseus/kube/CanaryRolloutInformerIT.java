package io.theseus.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.theseus.rollout.CanaryRef;
import io.theseus.testing.Blocking;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CanaryRollout informer against the mock API server, watching through the {@link WatchBridge}:
 * it caches only the namespaces it watches, and reports spec changes (on the owner's context) but
 * not status writes.
 */
class CanaryRolloutInformerIT {

  private final KubeTestServer server = KubeTestServer.start();
  private final VertxLoop loop = new VertxLoop();
  private final KubeAdapters kube =
      KubeAdapters.of(
          loop.vertx(),
          server.client(),
          server.watchClientFor("informer"),
          KubeCallOptions.DEFAULT);
  private final DynamicKubernetesApi rollouts =
      new DynamicKubernetesApi("theseus.io", "v1alpha1", "canaryrollouts", server.client());

  @AfterEach
  void close() {
    kube.close();
    loop.close();
    server.close();
  }

  @Test
  void cachesOnlyTheNamespacesItWatches() {
    create("a", "one");
    create("b", "two");
    create("c", "three");
    CanaryRolloutInformer informer = kube.informer(List.of("a", "b"));
    loop.await(() -> informer.start(loop.context(), () -> {}));

    assertThat(informer.synced()).isTrue();
    assertThat(loop.await(informer::list))
        .extracting(CanaryRolloutResource::ref)
        .containsExactlyInAnyOrder(new CanaryRef("a", "one"), new CanaryRef("b", "two"));
  }

  @Test
  void reportsChangesOnTheOwnersContextWithTheCacheHoldingThem() {
    CanaryRolloutInformer informer = kube.informer(List.of());
    AtomicInteger changes = new AtomicInteger();
    AtomicBoolean onContext = new AtomicBoolean(true);
    loop.await(
        () ->
            informer.start(
                loop.context(),
                () -> {
                  onContext.compareAndSet(true, Context.isOnEventLoopThread());
                  changes.incrementAndGet();
                }));
    create("a", "one");
    await(changes, n -> n == 1); // the ADDED event
    CanaryRef ref = new CanaryRef("a", "one");

    loop.await(() -> kube.rollouts().updateStatus(ref, current -> phase("Progressing")));
    JsonObject raw = rollouts.get("a", "one").getObject().getRaw();
    raw.getAsJsonObject("spec").addProperty("service", "other");
    assertThat(rollouts.update(new DynamicKubernetesObject(raw)).isSuccess()).isTrue();
    await(changes, n -> n > 1); // the spec change

    assertThat(changes.get())
        .as("the status write, seen before the spec change, was not")
        .isEqualTo(2);
    CanaryRolloutResource cached = loop.await(informer::list).get(0);
    assertThat(cached.status().get("phase").getAsString()).isEqualTo("Progressing");
    assertThat(cached.spec().get("service").getAsString()).isEqualTo("other");
    assertThat(onContext).isTrue();
  }

  private void create(String namespace, String name) {
    JsonObject cr =
        JsonParser.parseString(
                """
                {"apiVersion": "theseus.io/v1alpha1", "kind": "CanaryRollout",
                 "metadata": {"name": "%s", "namespace": "%s"},
                 "spec": {"service": "shop", "stable": {"deployment": "shop-v1"},
                          "canary": {"deployment": "shop-v2"},
                          "analysis": {"configName": "default"}}}
                """
                    .formatted(name, namespace))
            .getAsJsonObject();
    assertThat(rollouts.create(new DynamicKubernetesObject(cr)).isSuccess()).isTrue();
  }

  private static JsonObject phase(String phase) {
    JsonObject status = new JsonObject();
    status.addProperty("phase", phase);
    return status;
  }

  /** Waits up to 10 s (polling) until {@code count} satisfies {@code accepted}. */
  private static void await(AtomicInteger count, IntPredicate accepted) {
    Blocking.firstSuccess(
        () -> Future.succeededFuture(count.get()), accepted::test, Duration.ofSeconds(10));
  }
}
