package io.theseus.kube;

import io.kubernetes.client.openapi.ApiClient;
import io.theseus.routing.TrafficRouter;
import io.theseus.routing.istio.IstioVirtualServiceRouter;
import io.theseus.store.kube.CanaryRolloutStatusStore;
import io.theseus.workload.Workloads;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The factory of every adapter the daemon runs against a cluster, sharing one client and one {@code
 * kube-ops} pool. The only place besides {@code Main} that names the Kubernetes adapter classes, so
 * nothing outside kube, routing and store sees client-java.
 */
public final class KubeAdapters implements AutoCloseable {

  private final ApiClient client;
  private final KubeCalls kube;
  private final CanaryRollouts rollouts;

  private KubeAdapters(Vertx vertx, ApiClient client, KubeCallOptions options) {
    this.client = client;
    this.kube = new KubeCalls(vertx, options);
    this.rollouts = new CanaryRollouts(kube, client);
  }

  /**
   * Adapters on the in-cluster service account, or the kubeconfig {@code KUBECONFIG} names.
   *
   * @throws IllegalArgumentException naming {@code KUBECONFIG} when no configuration is found
   */
  public static KubeAdapters fromEnvironment(
      Vertx vertx, Map<String, String> env, KubeCallOptions options) {
    // The client's own read timeout sits above the per-call timeout, which is the one that fires.
    Duration read = options.timeout().plusSeconds(5);
    return new KubeAdapters(vertx, KubeClients.fromEnvironment(env, read), options);
  }

  /** Adapters on a given client (tests point it at the mock API server). */
  public static KubeAdapters of(Vertx vertx, ApiClient client, KubeCallOptions options) {
    return new KubeAdapters(vertx, client, options);
  }

  /** The Kubernetes API server's base path, for the startup log. */
  public String server() {
    return client.getBasePath();
  }

  /** CanaryRollout resources. */
  public CanaryRollouts rollouts() {
    return rollouts;
  }

  /** Rollout status on the CanaryRollout status subresource. */
  public CanaryRolloutStatusStore store(int ledgerSize, Clock clock) {
    return new CanaryRolloutStatusStore(rollouts, ledgerSize, clock);
  }

  /** The Istio router for rollouts whose pods tell versions apart by {@code versionLabel}. */
  public TrafficRouter router(String versionLabel) {
    return new IstioVirtualServiceRouter(kube, client, versionLabel);
  }

  /**
   * Deployments, cleaned up as {@code cleanup} says.
   *
   * @throws IllegalArgumentException naming spec.cleanup when it is neither delete nor
   *     scale-to-zero
   */
  public Workloads workloads(String cleanup) {
    return new KubeWorkloads(kube, client, KubeWorkloads.Cleanup.parse(cleanup));
  }

  /** Events recorded by this replica. */
  /** Authenticates API callers with TokenReview and SubjectAccessReview. */
  public KubeAuthenticator authenticator(Clock clock) {
    return new KubeAuthenticator(kube, client, clock);
  }

  public KubeEvents events(String instance, Clock clock) {
    return new KubeEvents(kube, client, instance, clock);
  }

  /** A leader election whose callbacks run on {@code context}. */
  public LeaseElection election(
      Context context, LeaseSettings settings, LeaseElection.Callbacks callbacks) {
    return new LeaseElection(context, kube, client, settings, callbacks);
  }

  @Override
  public void close() {
    kube.close();
  }
}
