package io.theseus.routing.istio;

import io.theseus.routing.RouteTarget;

/** Whether a host written in an Istio object names the target's Kubernetes Service. */
final class ServiceHost {

  private ServiceHost() {}

  /** True for the short name and every qualified form Istio resolves to the same Service. */
  static boolean matches(String host, RouteTarget target) {
    String service = target.service();
    String namespaced = service + "." + target.namespace();
    return host.equals(service)
        || host.equals(namespaced)
        || host.equals(namespaced + ".svc")
        || host.equals(namespaced + ".svc.cluster.local");
  }
}
