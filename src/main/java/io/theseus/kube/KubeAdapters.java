package io.theseus.kube;

import io.kubernetes.client.openapi.ApiClient;
import io.theseus.routing.TrafficRouter;
import io.theseus.routing.istio.IstioVirtualServiceRouter;
import io.theseus.store.kube.CanaryRolloutStatusStore;
import io.theseus.workload.Workloads;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The factory of every adapter the daemon runs against a cluster, sharing one client and one {@code
 * kube-ops} pool. The only place besides {@code Main} that names the Kubernetes adapter classes, so
 * nothing outside kube, routing and store sees client-java.
 */
public final class KubeAdapters implements AutoCloseable {

  private final ApiClient client;
  private final ApiClient watchClient;
  private final KubeCalls kube;
  private final CanaryRollouts rollouts;
  private final KubeWorkloads deployments;
  private final KubeServices services;
  private final List<CanaryRolloutInformer> informers = new CopyOnWriteArrayList<>();

  private KubeAdapters(
      Vertx vertx, ApiClient client, ApiClient watchClient, KubeCallOptions options) {
    this.client = client;
    this.watchClient = watchClient;
    this.kube = new KubeCalls(vertx, options);
    this.rollouts = new CanaryRollouts(kube, client);
    // Only reads pod template labels: its cleanup policy never applies.
    this.deployments = new KubeWorkloads(kube, client, KubeWorkloads.Cleanup.SCALE_TO_ZERO);
    this.services = new KubeServices(kube, client);
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
    return new KubeAdapters(
        vertx,
        KubeClients.fromEnvironment(env, read),
        KubeClients.fromEnvironment(env, KubeClients.WATCH_READ_TIMEOUT),
        options);
  }

  /**
   * Adapters on given clients (tests point them at the mock API server).
   *
   * @param client for every request but watches
   * @param watchClient for the informer's list and watch calls (see {@link
   *     KubeClients#WATCH_READ_TIMEOUT})
   */
  public static KubeAdapters of(
      Vertx vertx, ApiClient client, ApiClient watchClient, KubeCallOptions options) {
    return new KubeAdapters(vertx, client, watchClient, options);
  }

  /** The Kubernetes API server's base path, for the startup log. */
  public String server() {
    return client.getBasePath();
  }

  /** CanaryRollout resources. */
  public CanaryRollouts rollouts() {
    return rollouts;
  }

  /**
   * A new, not yet started informer on the CanaryRollouts of {@code namespaces} (every namespace
   * when empty); {@link #close} stops it too.
   */
  public CanaryRolloutInformer informer(List<String> namespaces) {
    CanaryRolloutInformer informer = new CanaryRolloutInformer(kube, watchClient, namespaces);
    informers.add(informer);
    return informer;
  }

  /**
   * The pod template labels of every Deployment in {@code namespace} (one list call).
   *
   * @return Deployment name to labels; fails with {@link KubeApiException}
   */
  public Future<Map<String, Map<String, String>>> templateLabels(String namespace) {
    return deployments.templateLabels(namespace);
  }

  /**
   * The pod selector of a Service.
   *
   * @return empty when the Service does not exist, an empty map when it selects nothing; fails with
   *     {@link KubeApiException}
   */
  public Future<Optional<Map<String, String>>> serviceSelector(String namespace, String service) {
    return services.selector(namespace, service);
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

  /** Authenticates API callers with TokenReview and SubjectAccessReview. */
  public KubeAuthenticator authenticator(Clock clock) {
    return new KubeAuthenticator(kube, client, clock);
  }

  /** Events recorded by this replica. */
  public KubeEvents events(String instance, Clock clock) {
    return new KubeEvents(kube, client, instance, clock);
  }

  /** A leader election whose callbacks run on {@code context}. */
  public LeaseElection election(
      Context context, LeaseSettings settings, LeaseElection.Callbacks callbacks) {
    return new LeaseElection(context, kube, client, settings, callbacks);
  }

  /** Stops the informers and closes the worker pool, as the end of the process would. */
  @Override
  public void close() {
    informers.forEach(CanaryRolloutInformer::stopNow);
    kube.close();
  }
}
