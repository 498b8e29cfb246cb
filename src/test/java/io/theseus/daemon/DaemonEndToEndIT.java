package io.theseus.daemon;

import static io.theseus.daemon.ClusterRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.theseus.Main;
import io.theseus.kube.KubeTestServer;
import io.theseus.kube.schema.UpstreamSchemas;
import io.theseus.playground.HeaderMatch;
import io.theseus.playground.Playground;
import io.theseus.playground.PlaygroundSpec;
import io.theseus.playground.PrometheusProcess;
import io.theseus.playground.Scenario;
import io.theseus.playground.VirtualRoutes;
import io.theseus.routing.RouteWeights;
import io.theseus.routing.istio.IstioObjectsOnServer;
import io.theseus.testing.Blocking;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything together: {@link Main} started from THESEUS_* settings and a KUBECONFIG pointing at
 * the mock API server, a real Prometheus scraping the playground's mesh proxy, and the proxy taking
 * its routes from the VirtualService the daemon writes (re-read every 100 ms, as a sidecar follows
 * its config). The healthy canary is promoted on real request metrics.
 */
class DaemonEndToEndIT {

  private static final String NS = "demo";
  private static final String NAME = "healthy";

  @TempDir Path work;

  @Test
  void promotesAHealthyCanaryOnRealMetricsWithTheProxyFollowingTheVirtualService()
      throws Exception {
    Vertx vertx = Vertx.vertx();
    Playground playground =
        new Playground(vertx, new PlaygroundSpec(NS, NAME, Scenario.healthy(), 400, 2, 7));
    Blocking.await(playground.start());
    try (KubeTestServer server = KubeTestServer.start();
        PrometheusProcess prometheus =
            PrometheusProcess.start(
                Files.createDirectories(work.resolve("prom")),
                List.of(playground.prometheusTarget()));
        ProxyFollower follower = new ProxyFollower(server.client(), playground)) {
      SampleDeployments.create(server.client(), NS, "healthy-v1", "v1");
      SampleDeployments.create(server.client(), NS, "healthy-v2", "v2");
      createRollout(server.client());
      var daemon = Blocking.await(Main.start(vertx, env(server, prometheus)));
      try {
        await(
            "Succeeded", Duration.ofSeconds(100), () -> phase(server.client()).equals("Succeeded"));
        assertThat(follower.weights()).containsExactly(0, 10, 50, 100);
        assertThat(playground.loadCounts().ok()).isPositive();
        assertThat(canaryFiguresInLedger(server.client())).isNotEmpty().allMatch(v -> v >= 0);
      } finally {
        Blocking.await(daemon.stop());
      }
    } finally {
      Blocking.await(playground.stop());
      Blocking.await(vertx.close());
    }
  }

  private Map<String, String> env(KubeTestServer server, PrometheusProcess prometheus)
      throws Exception {
    Path kubeconfig = work.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "%s"}}]
        users: [{name: test, user: {}}]
        contexts: [{name: mock, context: {cluster: mock, user: test}}]
        current-context: mock
        """
            .formatted(server.bridgedUrl()));
    return Map.of(
        "KUBECONFIG", kubeconfig.toString(),
        "THESEUS_NAMESPACES", NS,
        "THESEUS_API_PORT", "0",
        "THESEUS_LEADER_ELECTION", "false",
        "THESEUS_RESYNC_PERIOD", "1s",
        "POD_NAME", "theseus-e2e",
        "THESEUS_ANALYSIS_CONFIG_DIR", "analysis-config",
        "THESEUS_PROMETHEUS_URL", prometheus.baseUrl(),
        "THESEUS_PROMETHEUS_SCRAPE_INTERVAL", "1s");
  }

  private static void createRollout(ApiClient client) {
    JsonObject cr =
        JsonParser.parseString(
                """
                {"apiVersion": "theseus.io/v1alpha1", "kind": "CanaryRollout",
                 "metadata": {"name": "healthy", "namespace": "demo"},
                 "spec": {"service": "healthy",
                  "stable": {"deployment": "healthy-v1", "version": "v1"},
                  "canary": {"deployment": "healthy-v2", "version": "v2"},
                  "steps": [10, 50, 100], "interval": "3s",
                  "analysis": {"inline": {
                    "minEvidence": {"canaryRequests": 100, "ticks": 2}, "stepDeadline": "1m",
                    "metrics": [{"name": "error-rate", "kind": "ratio", "direction": "increase",
                      "critical": true, "tolerance": {"relative": 1.0, "absolute": 0.02},
                      "queries": {
                        "total": "sum(increase(istio_requests_total{reporter=\\"destination\\", destination_workload_namespace=\\"{{namespace}}\\", destination_workload=\\"{{workload}}\\"}[{{window}}]))",
                        "errors": "sum(increase(istio_requests_total{reporter=\\"destination\\", destination_workload_namespace=\\"{{namespace}}\\", destination_workload=\\"{{workload}}\\", response_code=~\\"5..\\"}[{{window}}]))"
                      }}]}}}}
                """)
            .getAsJsonObject();
    UpstreamSchemas.assertValid(UpstreamSchemas.canaryRollout(), cr.toString());
    var api = new DynamicKubernetesApi("theseus.io", "v1alpha1", "canaryrollouts", client);
    assertThat(api.create(new DynamicKubernetesObject(cr)).isSuccess()).isTrue();
  }

  private static JsonObject status(ApiClient client) {
    var api = new DynamicKubernetesApi("theseus.io", "v1alpha1", "canaryrollouts", client);
    JsonObject raw = api.get(NS, NAME).getObject().getRaw();
    return raw.has("status") ? raw.getAsJsonObject("status") : new JsonObject();
  }

  private static String phase(ApiClient client) {
    JsonObject s = status(client);
    return s.has("phase") ? s.get("phase").getAsString() : "";
  }

  private static List<Double> canaryFiguresInLedger(ApiClient client) {
    List<Double> figures = new ArrayList<>();
    for (JsonElement entry : status(client).getAsJsonArray("ledger")) {
      for (JsonElement m : entry.getAsJsonObject().getAsJsonArray("metrics")) {
        if (m.getAsJsonObject().has("canary")) {
          figures.add(m.getAsJsonObject().get("canary").getAsDouble());
        }
      }
    }
    return figures;
  }

  /** The playground proxy following the VirtualService on the API server, as a sidecar would. */
  private static final class ProxyFollower implements AutoCloseable {
    private final DynamicKubernetesApi virtualServices;
    private final DynamicKubernetesApi destinationRules;
    private final Playground playground;
    private final List<Integer> weights = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    ProxyFollower(ApiClient client, Playground playground) {
      this.virtualServices =
          new DynamicKubernetesApi("networking.istio.io", "v1", "virtualservices", client);
      this.destinationRules =
          new DynamicKubernetesApi("networking.istio.io", "v1", "destinationrules", client);
      this.playground = playground;
      this.thread = new Thread(this::follow, "proxy-follower");
      thread.setDaemon(true);
      thread.start();
    }

    private void follow() {
      while (running) {
        try {
          var items = virtualServices.list(NS).getObject().getItems();
          var rules = destinationRules.list(NS).getObject().getItems();
          if (!items.isEmpty() && !rules.isEmpty()) {
            apply(items.get(0).getRaw(), rules.get(0).getRaw());
          }
          Thread.sleep(100); // a sidecar polls its config
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          // the next read retries
        }
      }
    }

    /**
     * The proxy's backends are fixed per version, so the split it takes is by version: what the
     * subsets' labels send to the stable version goes to its stable backend, the rest to the
     * canary.
     */
    private void apply(JsonObject vs, JsonObject rule) {
      UpstreamSchemas.assertValid(UpstreamSchemas.virtualService(), vs.toString());
      String stable = playground.proxy().stableVersion();
      int onStable = IstioObjectsOnServer.trafficByVersion(vs, rule).getOrDefault(stable, 0);
      List<Integer> w = List.of(onStable, 100 - onStable);
      boolean header = IstioObjectsOnServer.routeNames(vs).contains("theseus-canary-header");
      playground
          .proxy()
          .routes(
              new VirtualRoutes(
                  header
                      ? Optional.of(new HeaderMatch("x-theseus-canary", NAME))
                      : Optional.empty(),
                  new RouteWeights(w.get(0), w.get(1))));
      if (weights.isEmpty() || weights.get(weights.size() - 1) != w.get(1).intValue()) {
        weights.add(w.get(1));
      }
    }

    List<Integer> weights() {
      return new ArrayList<>(weights);
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join(2_000);
    }
  }
}
