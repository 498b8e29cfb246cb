package io.theseus.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.CoreV1EventList;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentList;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.theseus.api.ProcessMetrics;
import io.theseus.config.TheseusConfig;
import io.theseus.hook.HookRunner;
import io.theseus.kube.KubeAdapters;
import io.theseus.kube.KubeCallOptions;
import io.theseus.kube.KubeTestServer;
import io.theseus.kube.VertxLoop;
import io.theseus.kube.schema.UpstreamSchemas;
import io.theseus.metrics.MetricsProvider;
import io.theseus.testing.Blocking;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A mock Kubernetes API server (fabric8 CRUD, through client-java) holding the sample app "shop" in
 * namespace "shop": Deployments shop-v1 and shop-v2 (3 ready replicas each) and, once {@link
 * #canaryRollout} is called, a CanaryRollout with a tiny inline analysis (1 s ticks, one error-rate
 * metric, minimal evidence). Daemons started here run on their own Vert.x instance, as separate
 * processes would.
 */
final class ClusterRig implements AutoCloseable {

  static final String NS = "shop";
  static final String NAME = "shop";

  /** Settings for daemons that elect a leader among themselves on a short Lease. */
  static final Map<String, String> ELECTION =
      Map.of(
          TheseusConfig.LEADER_ELECTION, "true",
          TheseusConfig.LEASE_NAMESPACE, "theseus-system",
          TheseusConfig.LEASE_DURATION, "3s",
          TheseusConfig.LEASE_RENEW_DEADLINE, "2s",
          TheseusConfig.LEASE_RETRY_PERIOD, "500ms");

  final KubeTestServer server = KubeTestServer.start();
  final ApiClient admin = server.client();
  final DynamicKubernetesApi rollouts =
      new DynamicKubernetesApi("theseus.io", "v1alpha1", "canaryrollouts", admin);
  final GenericKubernetesApi<V1Deployment, V1DeploymentList> deployments =
      SampleDeployments.api(admin);
  final MeshView mesh = new MeshView(admin, NS, "v1");
  final MeshMetrics metrics = new MeshMetrics(mesh::canaryWeight);

  ClusterRig() {
    SampleDeployments.create(admin, NS, "shop-v1", "v1");
    SampleDeployments.create(admin, NS, "shop-v2", "v2");
  }

  /** The spec of the sample rollout: steps 1, 20, 50, 100 and the tiny inline analysis. */
  static JsonObject spec() {
    return JsonParser.parseString(
            """
            {"service": "shop", "versionLabel": "version",
             "stable": {"deployment": "shop-v1", "version": "v1"},
             "canary": {"deployment": "shop-v2", "version": "v2"},
             "analysis": {"inline": {
               "interval": "1s", "minEvidence": {"canaryRequests": 1, "ticks": 1},
               "stepDeadline": "1m", "onInconclusive": "rollback",
               "metrics": [{"name": "error-rate", "kind": "ratio", "direction": "increase",
                 "critical": true, "tolerance": {"relative": 0.5, "absolute": 0.002},
                 "queries": {"total": "sum(t{workload=\\"{{workload}}\\"})",
                             "errors": "sum(e{workload=\\"{{workload}}\\"})"}}]}},
             "steps": [1, 20, 50, 100],
             "progressDeadline": "1m", "metricsOutageDeadline": "1m",
             "cleanup": "scale-to-zero", "minReplicas": 1}
            """)
        .getAsJsonObject();
  }

  /**
   * Creates the CanaryRollout {@code shop} with {@code spec}, after checking it against the CRD.
   */
  void canaryRollout(JsonObject spec) {
    canaryRollout(NAME, spec);
  }

  /**
   * Creates the CanaryRollout {@code name} with {@code spec}, after checking it against the CRD.
   */
  void canaryRollout(String name, JsonObject spec) {
    JsonObject cr = new JsonObject();
    cr.addProperty("apiVersion", "theseus.io/v1alpha1");
    cr.addProperty("kind", "CanaryRollout");
    JsonObject meta = new JsonObject();
    meta.addProperty("name", name);
    meta.addProperty("namespace", NS);
    cr.add("metadata", meta);
    cr.add("spec", spec);
    UpstreamSchemas.assertValid(UpstreamSchemas.canaryRollout(), cr.toString());
    assertThat(rollouts.create(new DynamicKubernetesObject(cr)).isSuccess()).isTrue();
  }

  /** Replaces the CanaryRollout's spec (the API server bumps its generation). */
  void replaceSpec(JsonObject spec) {
    JsonObject raw = rollouts.get(NS, NAME).getObject().getRaw().deepCopy();
    raw.add("spec", spec);
    UpstreamSchemas.assertValid(UpstreamSchemas.canaryRollout(), raw.toString());
    assertThat(rollouts.update(new DynamicKubernetesObject(raw)).isSuccess()).isTrue();
  }

  /** Replaces the CanaryRollout's status, as a daemon would, after checking it against the CRD. */
  void replaceStatus(JsonObject status) {
    JsonObject raw = rollouts.get(NS, NAME).getObject().getRaw().deepCopy();
    raw.add("status", status);
    UpstreamSchemas.assertValid(UpstreamSchemas.canaryRollout(), raw.toString());
    var replaced = rollouts.updateStatus(new DynamicKubernetesObject(raw), o -> status);
    assertThat(replaced.isSuccess()).as("replace status").isTrue();
  }

  /** Deletes the CanaryRollout. */
  void deleteRollout() {
    assertThat(rollouts.delete(NS, NAME).isSuccess()).isTrue();
  }

  /** The CanaryRollout's metadata.generation on the server. */
  long generation() {
    return rollouts.get(NS, NAME).getObject().getMetadata().getGeneration();
  }

  /** The CanaryRollout's status as the API server holds it, after checking it against the CRD. */
  JsonObject status() {
    return status(NAME);
  }

  /** The status of CanaryRollout {@code name}, after checking it against the CRD. */
  JsonObject status(String name) {
    JsonObject raw = rollouts.get(NS, name).getObject().getRaw();
    UpstreamSchemas.assertValid(UpstreamSchemas.canaryRollout(), raw.toString());
    return raw.has("status") ? raw.getAsJsonObject("status") : new JsonObject();
  }

  /** The rollout's {@code SpecValid} condition; fails when the status has none. */
  JsonObject specValid() {
    return condition(NAME, "SpecValid")
        .orElseThrow(() -> new AssertionError("no SpecValid condition in " + status()));
  }

  /** The condition {@code type} of CanaryRollout {@code name}, if its status has one. */
  Optional<JsonObject> condition(String name, String type) {
    JsonObject s = status(name);
    if (!s.has("conditions")) {
      return Optional.empty();
    }
    return s.getAsJsonArray("conditions").asList().stream()
        .map(JsonElement::getAsJsonObject)
        .filter(c -> c.get("type").getAsString().equals(type))
        .findFirst();
  }

  String phase() {
    JsonObject s = status();
    return s.has("phase") ? s.get("phase").getAsString() : "";
  }

  /** The Events recorded on the CanaryRollout, as {@code kubectl describe} lists them. */
  List<CoreV1Event> events() {
    var events =
        new GenericKubernetesApi<>(
            CoreV1Event.class, CoreV1EventList.class, "", "v1", "events", admin);
    return events.list(NS).getObject().getItems().stream()
        .filter(e -> "CanaryRollout".equals(e.getInvolvedObject().getKind()))
        .toList();
  }

  /** Replicas of a Deployment on the server. */
  int replicas(String name) {
    return deployments.get(NS, name).getObject().getSpec().getReplicas();
  }

  /** A daemon named {@code pod} on its own Vert.x, talking as client {@code pod}. */
  Running start(String pod, Map<String, String> extraEnv) {
    Map<String, String> env = new HashMap<>();
    env.put(TheseusConfig.API_PORT, "0");
    // Long, so that the informer's watch, not the periodic pass, has to find every change.
    env.put(TheseusConfig.RESYNC_PERIOD, "10m");
    env.put(TheseusConfig.LEADER_ELECTION, "false");
    env.put(TheseusConfig.POD_NAME, pod);
    env.put(TheseusConfig.ANALYSIS_CONFIG_DIR, Path.of("analysis-config").toString());
    env.putAll(extraEnv);
    return new Running(pod, TheseusConfig.fromEnv(env), server, metrics);
  }

  /** Waits up to {@code timeout} for {@code condition}, polling every 50 ms. */
  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  @Override
  public void close() throws Exception {
    mesh.close();
    server.close();
  }

  /** One daemon process. */
  static final class Running implements AutoCloseable {
    final String pod;
    final VertxLoop loop = new VertxLoop();
    final KubeAdapters kube;
    final Daemon daemon;
    private boolean stopped;
    private boolean exited;

    Running(String pod, TheseusConfig config, KubeTestServer server, MetricsProvider metrics) {
      this.pod = pod;
      this.kube =
          KubeAdapters.of(
              loop.vertx(),
              server.clientFor(pod),
              server.watchClientFor(pod),
              new KubeCallOptions(
                  4, Duration.ofSeconds(5), 5, Duration.ofMillis(20), Duration.ofMillis(200)));
      var parts =
          new Daemon.Parts(
              config,
              kube,
              metrics,
              ProcessMetrics.create("test"),
              new HookRunner(loop.vertx(), WebClient.create(loop.vertx())),
              Clock.systemUTC());
      // Started from this thread, as DaemonCommand starts it from main: not on an event loop.
      this.daemon = Blocking.await(Daemon.start(loop.vertx(), parts));
    }

    /** GET {@code path} from the daemon's API. */
    HttpResponse<String> get(String path) throws Exception {
      return send(HttpRequest.newBuilder(api(path)).timeout(Duration.ofSeconds(5)).build());
    }

    /**
     * POSTs an override of the sample rollout to the daemon's API, with {@code token} as the bearer
     * token (none when null).
     */
    HttpResponse<String> override(String token, String action, String reason) throws Exception {
      var request =
          HttpRequest.newBuilder(api("/api/v1/rollouts/" + NS + "/" + NAME + "/override"))
              .timeout(Duration.ofSeconds(10))
              .header("content-type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"action\":\"%s\",\"reason\":\"%s\"}".formatted(action, reason)));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      return send(request.build());
    }

    private URI api(String path) {
      return URI.create("http://127.0.0.1:" + daemon.apiPort() + path);
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the daemon (stepping down) as SIGTERM would. */
    void stop() {
      if (!stopped) {
        stopped = true;
        loop.await(daemon::stop);
      }
    }

    /** Stops the whole process at once, as a crash would: no step-down, no Lease release. */
    void crash() {
      stopped = true;
      exit();
    }

    @Override
    public void close() {
      if (!stopped) {
        stop();
      }
      exit();
    }

    private void exit() {
      if (!exited) {
        exited = true;
        kube.close(); // the informer's threads end with the process
        loop.close();
      }
    }
  }
}
