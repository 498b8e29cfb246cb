package io.theseus.telemetry;

/**
 * Who talks to whom, as Istio's telemetry names it: the source workload and the destination
 * service, workload and version a request was routed to.
 *
 * @param sourceWorkload the calling workload (e.g. {@code istio-ingressgateway})
 * @param sourceNamespace the calling workload's namespace
 * @param namespace the destination service's (and workload's) namespace
 * @param service the destination Kubernetes Service name (also its {@code app} label)
 * @param workload the destination workload (Deployment) name, e.g. {@code shop-v2}
 * @param version the destination workload's {@code version} label
 */
public record IstioWorkloadPair(
    String sourceWorkload,
    String sourceNamespace,
    String namespace,
    String service,
    String workload,
    String version) {}
