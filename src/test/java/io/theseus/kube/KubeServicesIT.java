package io.theseus.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceList;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KubeServicesIT {

  @RegisterExtension
  final KubeRig rig = new KubeRig(KubeRig.quickRetries(3, Duration.ofMillis(50)));

  @Test
  void readsAServiceSelectorEmptyWhenItSelectsNothingAndNothingForAMissingService() {
    create("checkout", Map.of("app", "checkout", "tier", "web"));
    create("external", null);
    var services = new KubeServices(rig.kube, rig.server.client());

    assertThat(rig.loop.await(() -> services.selector("shop", "checkout")))
        .contains(Map.of("app", "checkout", "tier", "web"));
    assertThat(rig.loop.await(() -> services.selector("shop", "external"))).contains(Map.of());
    assertThat(rig.loop.await(() -> services.selector("shop", "nonesuch"))).isEmpty();
  }

  @Test
  void retriesAServerErrorReadingTheService() {
    create("checkout", Map.of("app", "checkout"));
    rig.server.failNext("GET", "services/checkout", 503, false, 1);

    assertThat(
            rig.loop.await(
                () -> new KubeServices(rig.kube, rig.server.client()).selector("shop", "checkout")))
        .contains(Map.of("app", "checkout"));
    assertThat(rig.server.faultsLeft()).as("the 503 was served").isZero();
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
            V1Service.class, V1ServiceList.class, "", "v1", "services", rig.server.client());
    assertThat(api.create(service).isSuccess()).as("create %s", name).isTrue();
  }
}
