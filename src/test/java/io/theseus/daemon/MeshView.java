package io.theseus.daemon;

import com.google.gson.JsonObject;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.theseus.kube.schema.StructuralSchema;
import io.theseus.kube.schema.UpstreamSchemas;
import io.theseus.routing.istio.IstioObjectsOnServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads the VirtualService and DestinationRule of a namespace back from the API server every 20 ms
 * on its own thread, as the mesh would, validating each against the upstream Istio schemas, and
 * records every distinct canary weight of the weighted route in the order it appeared. The canary
 * weight is what the pods see: the percent of the weighted route's traffic that the subsets' labels
 * send to versions other than the rollout's stable one, so a promotion that moves the stable subset
 * onto the new version keeps it at 100.
 */
final class MeshView implements AutoCloseable {

  private static final StructuralSchema VS = UpstreamSchemas.virtualService();
  private static final StructuralSchema DR = UpstreamSchemas.destinationRule();

  private final DynamicKubernetesApi virtualServices;
  private final DynamicKubernetesApi destinationRules;
  private final String namespace;
  private final String stableVersion;
  private final List<Integer> weights = new CopyOnWriteArrayList<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final Thread poller;
  private volatile int current = -1;
  private volatile boolean running = true;
  private volatile int reads;

  MeshView(ApiClient client, String namespace, String stableVersion) {
    this.virtualServices =
        new DynamicKubernetesApi("networking.istio.io", "v1", "virtualservices", client);
    this.destinationRules =
        new DynamicKubernetesApi("networking.istio.io", "v1", "destinationrules", client);
    this.namespace = namespace;
    this.stableVersion = stableVersion;
    this.poller = new Thread(this::poll, "mesh-view");
    poller.setDaemon(true);
    poller.start();
  }

  private void poll() {
    while (running) {
      try {
        readOnce();
      } catch (AssertionError e) {
        problems.add(String.valueOf(e.getMessage()));
      } catch (RuntimeException e) {
        // a read that failed (a fault a test injected): the next read sees the objects
      }
      try {
        Thread.sleep(20); // a polling reader: the mesh re-reads its config continuously
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void readOnce() {
    var vs = virtualServices.list(namespace).getObject().getItems();
    var dr = destinationRules.list(namespace).getObject().getItems();
    dr.forEach(d -> UpstreamSchemas.assertValid(DR, d.getRaw().toString()));
    if (vs.isEmpty()) {
      return;
    }
    JsonObject raw = vs.get(0).getRaw();
    UpstreamSchemas.assertValid(VS, raw.toString());
    reads++;
    // The VirtualService is read before the DestinationRule: the router moves subsets before the
    // weights that depend on them, so this pair is never older on the rule's side.
    int canary =
        dr.isEmpty()
            ? IstioObjectsOnServer.primaryWeights(raw).get(1)
            : 100
                - IstioObjectsOnServer.trafficByVersion(raw, dr.get(0).getRaw())
                    .getOrDefault(stableVersion, 0);
    if (canary != current) {
      current = canary;
      weights.add(canary);
    }
  }

  /** The {@code version} label the DestinationRule's subset {@code subset} selects, or null. */
  String subsetVersion(String subset) {
    var rules = destinationRules.list(namespace).getObject().getItems();
    return rules.isEmpty()
        ? null
        : IstioObjectsOnServer.subsetVersion(rules.get(0).getRaw(), subset);
  }

  /** The canary weight in force (as the pods see it), -1 before the VirtualService exists. */
  int canaryWeight() {
    return current;
  }

  /** Every distinct canary weight seen, in order. */
  List<Integer> weights() {
    return new ArrayList<>(weights);
  }

  /** Schema violations seen; empty when every object read was valid. */
  List<String> problems() {
    return new ArrayList<>(problems);
  }

  /** How many valid VirtualService reads there were. */
  int reads() {
    return reads;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    poller.join(2_000);
  }
}
