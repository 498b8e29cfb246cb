package io.theseus.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceList;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KubeServicesIT {

  private KubeTestServer server;
  private VertxLoop loop;
  private KubeCalls kube;

  @BeforeEach
  void start() {
    server = KubeTestServer.start();
    loop = new VertxLoop();
    kube =
        new KubeCalls(
            loop.vertx(),
            new KubeCallOptions(
                2, Duration.ofSeconds(5), 3, Duration.ofMillis(20), Duration.ofMillis(50)));
  }

  @AfterEach
  void stop() throws Exception {
    kube.close();
    loop.close();
    server.close();
  }

  @Test
  void readsAServiceSelectorEmptyWhenItSelectsNothingAndNothingForAMissingService() {
    create("checkout", Map.of("app", "checkout", "tier", "web"));
    create("external", null);
    var services = new KubeServices(kube, server.client());

    assertThat(loop.await(() -> services.selector("shop", "checkout")))
        .contains(Map.of("app", "checkout", "tier", "web"));
    assertThat(loop.await(() -> services.selector("shop", "external"))).contains(Map.of());
    assertThat(loop.await(() -> services.selector("shop", "nonesuch"))).isEmpty();
  }

  @Test
  void retriesAServerErrorReadingTheService() {
    create("checkout", Map.of("app", "checkout"));
    server.failNext("GET", "services/checkout", 503, false, 1);

    assertThat(
            loop.await(() -> new KubeServices(kube, server.client()).selector("shop", "checkout")))
        .contains(Map.of("app", "checkout"));
    assertThat(server.faultsLeft()).as("the 503 was served").isZero();
  }

  private void create(String name, Map<String, String> selector) {
    var service =
        new V1Service()
            .apiVersion("v1")
            .kind("Service")
            .metadata(new V1ObjectMeta().name(name).namespace("shop"))
            .spec(new V1ServiceSpec().selector(selector));
    var api =
        new GenericKubernetesApi<>(
            V1Service.class, V1ServiceList.class, "", "v1", "services", server.client());
    assertThat(api.create(service).isSuccess()).as("create %s", name).isTrue();
  }
}
