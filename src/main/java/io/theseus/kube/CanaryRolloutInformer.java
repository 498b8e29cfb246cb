package io.theseus.kube;

import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Watches CanaryRollouts with client-java informers (list, then watch, re-listing after a broken
 * watch) and keeps them in a local cache: one informer for every namespace, or one per namespace
 * when {@code THESEUS_NAMESPACES} names some. Each change that matters to the supervisor (an object
 * added or deleted, or its generation, labels or annotations changed; not a status write) runs the
 * listener on the owner's Vert.x context, since informer threads are not event-loop threads.
 * Handlers must be idempotent: a re-list (and the test mock's watch) replays objects already seen.
 *
 * <p>Every list and watch call runs under the informer client's read timeout ({@link
 * KubeClients#WATCH_READ_TIMEOUT}): longer than the longest watch the informer asks the server for,
 * so a quiet watch is not cut, while a dead connection is still dropped and re-listed.
 */
public final class CanaryRolloutInformer {

  private static final String PLURAL = "canaryrollouts";

  private final KubeCalls kube;
  private final List<SharedInformerFactory> factories = new ArrayList<>();
  private final List<SharedIndexInformer<DynamicKubernetesObject>> informers = new ArrayList<>();
  private volatile boolean started;

  /**
   * @param client the informers' client; its read timeout bounds every list and watch call
   * @param namespaces the namespaces to watch, every namespace when empty
   */
  CanaryRolloutInformer(KubeCalls kube, ApiClient client, List<String> namespaces) {
    this.kube = kube;
    var api =
        new DynamicKubernetesApi(CanaryRollouts.GROUP, CanaryRollouts.VERSION, PLURAL, client);
    // A factory demands a client without a read timeout but, given a GenericKubernetesApi, lists
    // and watches through that API's client (bounded); its own client is never used.
    ApiClient unused = new ApiClient().setReadTimeout(0);
    // Resync 0: no informer-side resync; the supervisor re-reads the whole cache on its own period.
    if (namespaces.isEmpty()) {
      register(unused, f -> f.sharedIndexInformerFor(api, DynamicKubernetesObject.class, 0));
    } else {
      namespaces.forEach(
          ns ->
              register(
                  unused,
                  f -> f.sharedIndexInformerFor(api, DynamicKubernetesObject.class, 0, ns)));
    }
  }

  /** One factory per informer: a factory keys its informers by type, so it holds only one. */
  private void register(
      ApiClient client,
      Function<SharedInformerFactory, SharedIndexInformer<DynamicKubernetesObject>> informer) {
    SharedInformerFactory factory = new SharedInformerFactory(client);
    factories.add(factory);
    informers.add(informer.apply(factory));
  }

  /**
   * Starts listing and watching. {@code changed} runs on {@code context} after each relevant
   * change.
   *
   * @return completes on {@code context} once every informer has listed its namespace (polled every
   *     50 ms: client-java has no synced callback)
   */
  public Future<Void> start(Context context, Runnable changed) {
    informers.forEach(i -> i.addEventHandler(new Relay(context, changed)));
    factories.forEach(SharedInformerFactory::startAllRegisteredInformers);
    started = true;
    Promise<Void> listed = Promise.promise();
    Vertx vertx = context.owner();
    context.runOnContext(
        v ->
            vertx.setPeriodic(
                0,
                50,
                id -> {
                  if (synced() || !started) {
                    vertx.cancelTimer(id);
                    listed.tryComplete();
                  }
                }));
    return listed.future();
  }

  /** True once every informer has listed its namespace. Safe from any thread. */
  public boolean synced() {
    return informers.stream().allMatch(SharedIndexInformer::hasSynced);
  }

  /**
   * The CanaryRollouts in the cache, converted on the {@code kube-ops} pool.
   *
   * @return fails with {@link KubeApiException} when not {@link #synced} yet
   */
  public Future<List<CanaryRolloutResource>> list() {
    return kube.call(
        new KubeRef("CanaryRollout", "*", "*"), "read the informer cache", this::cached);
  }

  private List<CanaryRolloutResource> cached() {
    if (!synced()) {
      throw new IllegalStateException("the CanaryRollouts have not been listed yet");
    }
    List<CanaryRolloutResource> found = new ArrayList<>();
    informers.forEach(
        i -> i.getIndexer().list().forEach(o -> found.add(CanaryRollouts.resource(o))));
    return found;
  }

  /**
   * Stops every informer (closing its watch) on the {@code kube-ops} pool; done at once when they
   * were stopped already (the adapters closed first, their pool with them).
   */
  public Future<Void> stop() {
    if (!started) {
      return Future.succeededFuture();
    }
    started = false;
    return kube.call(
        new KubeRef("CanaryRollout", "*", "*"),
        "stop the informer",
        () -> {
          stopNow();
          return null;
        });
  }

  /** Stops every informer on the calling thread (it may block briefly closing the watch). */
  void stopNow() {
    started = false;
    factories.forEach(SharedInformerFactory::stopAllRegisteredInformers);
  }

  /** Hops each relevant event onto the owner's context. */
  private record Relay(Context context, Runnable changed)
      implements ResourceEventHandler<DynamicKubernetesObject> {

    @Override
    public void onAdd(DynamicKubernetesObject added) {
      context.runOnContext(v -> changed.run());
    }

    @Override
    public void onUpdate(DynamicKubernetesObject before, DynamicKubernetesObject after) {
      if (matters(before, after)) {
        context.runOnContext(v -> changed.run());
      }
    }

    @Override
    public void onDelete(DynamicKubernetesObject deleted, boolean finalStateUnknown) {
      context.runOnContext(v -> changed.run());
    }
  }

  /**
   * Whether an update can matter to the supervisor. A status write (every tick) changes none of
   * these fields; a spec change bumps the generation.
   */
  static boolean matters(DynamicKubernetesObject before, DynamicKubernetesObject after) {
    var x = before.getMetadata();
    var y = after.getMetadata();
    return !(Objects.equals(x.getGeneration(), y.getGeneration())
        && Objects.equals(x.getLabels(), y.getLabels())
        && Objects.equals(x.getAnnotations(), y.getAnnotations())
        && Objects.equals(x.getDeletionTimestamp(), y.getDeletionTimestamp()));
  }
}
