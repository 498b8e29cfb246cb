package io.theseus.kube;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.Config;
import java.net.URI;
import java.util.HashMap;
import java.util.List;

/**
 * The Kubernetes API stand-in for adapter tests: fabric8's mock server in CRUD mode, which stores
 * whatever is written and serves it back, with the custom resources Theseus touches registered, and
 * which answers TokenReviews and SubjectAccessReviews from {@link #reviews()}. Clients that watch
 * (informers) go through a {@link WatchBridge}, started on first use.
 */
public final class KubeTestServer implements AutoCloseable {

  private final KubernetesMockServer server;
  private final FaultyCrudDispatcher dispatcher;
  private WatchBridge bridge;

  private KubeTestServer(KubernetesMockServer server, FaultyCrudDispatcher dispatcher) {
    this.server = server;
    this.dispatcher = dispatcher;
  }

  /** Kept so the level sticks: the mock logs every request at INFO through java.util.logging. */
  private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

  private static java.util.logging.Logger quiet(String name) {
    var logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  /** Starts a fresh, empty server on a random loopback port. */
  public static KubeTestServer start() {
    var dispatcher =
        new FaultyCrudDispatcher(
            List.of(
                crd("networking.istio.io", "v1", "virtualservices", "VirtualService"),
                crd("networking.istio.io", "v1", "destinationrules", "DestinationRule"),
                crd("theseus.io", "v1alpha1", "canaryrollouts", "CanaryRollout")));
    var server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init();
    return new KubeTestServer(server, dispatcher);
  }

  private static CustomResourceDefinitionContext crd(
      String group, String version, String plural, String kind) {
    return new CustomResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(version)
        .withPlural(plural)
        .withKind(kind)
        .withScope("Namespaced")
        .build();
  }

  /** The server's base URL without a trailing slash. */
  public String url() {
    return server.url("/").replaceAll("/$", "");
  }

  /**
   * The base URL of the server behind a {@link WatchBridge}: ordinary requests are forwarded,
   * watches turned into the chunked HTTP that client-java reads (for kubeconfigs a daemon also
   * watches with).
   */
  public synchronized String bridgedUrl() {
    if (bridge == null) {
      URI direct = URI.create(url());
      bridge = new WatchBridge(direct.getHost(), direct.getPort());
    }
    return bridge.url();
  }

  /**
   * A client for informers, tagged {@code clientName} like {@link #clientFor(String)}: through the
   * bridge, with the daemon's watch read timeout.
   */
  public ApiClient watchClientFor(String clientName) {
    ApiClient client = Config.fromUrl(bridgedUrl(), false);
    client.setReadTimeout((int) KubeClients.WATCH_READ_TIMEOUT.toMillis());
    client.addDefaultHeader(FaultyCrudDispatcher.CLIENT_HEADER, clientName);
    return client;
  }

  /** A client-java client talking to the server directly. */
  public ApiClient client() {
    ApiClient client = Config.fromUrl(url(), false);
    client.setReadTimeout(5_000);
    return client;
  }

  /**
   * Answers the next {@code times} requests with {@code method} whose path contains {@code
   * pathPart} with {@code code}; when {@code applyFirst}, each is applied before the error is
   * answered, as when a response is lost after the server committed the change.
   */
  public void failNext(String method, String pathPart, int code, boolean applyFirst, int times) {
    dispatcher.inject(
        new FaultyCrudDispatcher.Fault(method, pathPart, null, null, code, applyFirst), times);
  }

  /**
   * Like {@link #failNext} for requests of one client only (see {@link #clientFor(String,
   * String)}).
   */
  public void failNextFrom(String client, String method, String pathPart, int code, int times) {
    dispatcher.inject(
        new FaultyCrudDispatcher.Fault(method, pathPart, client, null, code, false), times);
  }

  /**
   * Like {@link #failNext} (not applied) for requests whose body contains {@code bodyPart}: one
   * kind of write to a path other writes share.
   */
  public void failNextCarrying(
      String method, String pathPart, String bodyPart, int code, int times) {
    dispatcher.inject(
        new FaultyCrudDispatcher.Fault(method, pathPart, null, bodyPart, code, false), times);
  }

  /** Applies {@code jsonPatch} just before the next PATCH whose path contains {@code pathPart}. */
  public void interleaveBeforeNextPatch(String pathPart, String jsonPatch) {
    dispatcher.interleave(new FaultyCrudDispatcher.Interleave(pathPart, jsonPatch, false));
  }

  /** Applies {@code jsonPatch} just after the next PATCH whose path contains {@code pathPart}. */
  public void interleaveAfterNextPatch(String pathPart, String jsonPatch) {
    dispatcher.interleave(new FaultyCrudDispatcher.Interleave(pathPart, jsonPatch, true));
  }

  /**
   * Deletes the object at {@code objectPath} (an API path) just after the next PATCH whose path
   * contains {@code pathPart}, before that PATCH is answered: another writer's deletion landing
   * between the client's PATCH and its next request.
   */
  public void deleteAfterNextPatch(String pathPart, String objectPath) {
    dispatcher.deleteAfter(new FaultyCrudDispatcher.Deletion(pathPart, objectPath));
  }

  /** Who the server's TokenReviews and SubjectAccessReviews know, and what they may do. */
  public AccessReviews reviews() {
    return dispatcher.reviews();
  }

  /** Drops the faults not yet answered. */
  public void clearFaults() {
    dispatcher.clearFaults();
  }

  /** PATCH requests the server has handled (applied or refused), for "no double step" checks. */
  public int patchCount() {
    return dispatcher.patchCount();
  }

  /** Injected faults not yet answered. */
  public int faultsLeft() {
    return dispatcher.faultsLeft();
  }

  /** Requests other than GET (writes) sent by the client tagged {@code clientName}. */
  public int writesFrom(String clientName) {
    return dispatcher.writesFrom(clientName, "");
  }

  /** Writes of the client tagged {@code clientName} to paths containing {@code pathPart}. */
  public int writesFrom(String clientName, String pathPart) {
    return dispatcher.writesFrom(clientName, pathPart);
  }

  /** A client-java client whose requests carry {@code clientName} so faults can target it. */
  public ApiClient clientFor(String clientName) {
    ApiClient client = client();
    client.addDefaultHeader(FaultyCrudDispatcher.CLIENT_HEADER, clientName);
    return client;
  }

  @Override
  public synchronized void close() {
    if (bridge != null) {
      bridge.close();
    }
    server.destroy();
  }
}
