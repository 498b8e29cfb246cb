package io.theseus.kube;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceList;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;

/**
 * Reads core/v1 Services: only their pod selector, which tells which Deployments serve a rollout's
 * Service. Retried on conflicts and transient faults; a missing Service is no failure.
 */
public final class KubeServices {

  private final KubeCalls kube;
  private final GenericKubernetesApi<V1Service, V1ServiceList> services;

  public KubeServices(KubeCalls kube, ApiClient client) {
    this.kube = kube;
    this.services =
        new GenericKubernetesApi<>(
            V1Service.class, V1ServiceList.class, "", "v1", "services", client);
  }

  /**
   * The pod selector of Service {@code namespace/name}.
   *
   * @return empty when the Service does not exist; an empty map when it has no selector; fails with
   *     {@link KubeApiException} on any other API fault
   */
  public Future<Optional<Map<String, String>>> selector(String namespace, String name) {
    return kube.retry(
        () ->
            kube.request(
                    new KubeRef("Service", namespace, name),
                    "read",
                    () -> services.get(namespace, name))
                .map(s -> Optional.of(selector(s)))
                .recover(
                    failure ->
                        failure instanceof KubeApiException api && api.notFound()
                            ? Future.succeededFuture(Optional.empty())
                            : Future.failedFuture(failure)));
  }

  private static Map<String, String> selector(V1Service service) {
    var selector = service.getSpec() == null ? null : service.getSpec().getSelector();
    return selector == null ? Map.of() : Map.copyOf(selector);
  }
}
