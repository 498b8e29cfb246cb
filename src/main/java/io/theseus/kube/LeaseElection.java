package io.theseus.kube;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1LeaseList;
import io.kubernetes.client.openapi.models.V1LeaseSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot-standby leader election on a coordination.k8s.io/v1 Lease, driven by Vert.x timers.
 *
 * <p>Every {@code retryPeriod} each replica reads the Lease. The holder renews it with an update
 * carrying the resourceVersion (a lost race is a 409, never two holders). Others take it when it is
 * free or when it has not changed for {@code leaseDuration} of their own clock since they last saw
 * it change, which needs no clock agreement between replicas. The leader arms a deadline at each
 * renewal it sends: if no renewal succeeds within {@code renewDeadline} it stops leading at that
 * moment, even with a request still hanging, so it stops before anyone else may start. After losing
 * the lease a replica stays a standby and keeps trying.
 *
 * <p>Callbacks run on the Vert.x context that constructed the election (the owner's). Construct it
 * there: {@code new LeaseElection(context, kubeCalls, apiClient, settings, callbacks)}, then {@link
 * #start()}; {@link #stop()} releases the lease so a standby takes over at once.
 */
public final class LeaseElection {

  /** What the owner does when leadership begins and ends; both run on the owner's context. */
  public interface Callbacks {
    void onStartedLeading();

    void onStoppedLeading();
  }

  private static final Logger LOG = LoggerFactory.getLogger(LeaseElection.class);

  private final Context context;
  private final KubeCalls kube;
  private final GenericKubernetesApi<V1Lease, V1LeaseList> leases;
  private final LeaseSettings settings;
  private final Callbacks callbacks;
  private final KubeRef ref;

  private boolean running;
  private boolean leading;
  private long tickTimer = -1;
  private long deadlineTimer = -1;
  private String observedVersion;
  private long observedAtNanos;
  private Future<Boolean> inFlight = Future.succeededFuture(false);

  public LeaseElection(
      Context context,
      KubeCalls kube,
      ApiClient client,
      LeaseSettings settings,
      Callbacks callbacks) {
    this.context = context;
    this.kube = kube;
    this.leases =
        new GenericKubernetesApi<>(
            V1Lease.class, V1LeaseList.class, "coordination.k8s.io", "v1", "leases", client);
    this.settings = settings;
    this.callbacks = callbacks;
    this.ref = new KubeRef("Lease", settings.namespace(), settings.name());
  }

  /** Starts campaigning; the first attempt runs at once. Starting twice has no effect. */
  public void start() {
    context.runOnContext(
        v -> {
          if (!running) {
            running = true;
            tick();
          }
        });
  }

  /** True while this replica holds the lease and its renewal deadline has not passed. */
  public boolean isLeader() {
    return leading;
  }

  /**
   * Stops campaigning; a leader stops leading at once and, after the round in flight (if any)
   * completes, releases the lease (best effort).
   */
  public Future<Void> stop() {
    return Future.<Boolean>future(
            p ->
                context.runOnContext(
                    v -> {
                      running = false;
                      context.owner().cancelTimer(tickTimer);
                      boolean wasLeading = leading;
                      stepDown("stopping");
                      // Let a round in flight land first, so nothing writes after the release.
                      inFlight.onComplete(done -> p.complete(wasLeading));
                    }))
        .compose(wasLeading -> wasLeading ? release() : Future.succeededFuture());
  }

  private void tick() {
    if (!running) {
      return;
    }
    long sentAt = System.nanoTime();
    inFlight = attempt(sentAt);
    inFlight.onComplete(
        won -> {
          if (won.succeeded() && won.result()) {
            renewed(sentAt);
          } else if (won.succeeded() && leading) {
            stepDown("the lease is held by another replica");
          } else if (won.failed()) {
            LOG.debug(
                "{}: {}: acquire/renew failed: {}",
                ref,
                settings.identity(),
                won.cause().getMessage());
          }
          if (running) {
            tickTimer = context.owner().setTimer(settings.retryPeriod().toMillis(), t -> tick());
          }
        });
  }

  /** One read-decide-write round; true when this replica holds the lease afterwards. */
  private Future<Boolean> attempt(long now) {
    return kube.request(ref, "read", () -> leases.get(settings.namespace(), settings.name()))
        .recover(
            failure ->
                failure instanceof KubeApiException api && api.notFound()
                    ? Future.succeededFuture(null)
                    : Future.failedFuture(failure))
        .compose(lease -> lease == null ? create() : claimIfDue(lease, now));
  }

  private Future<Boolean> create() {
    var lease =
        new V1Lease()
            .apiVersion("coordination.k8s.io/v1")
            .kind("Lease")
            .metadata(new V1ObjectMeta().name(settings.name()).namespace(settings.namespace()))
            .spec(held(new V1LeaseSpec().leaseTransitions(0), true));
    return write("create", () -> leases.create(lease));
  }

  private Future<Boolean> claimIfDue(V1Lease lease, long now) {
    V1LeaseSpec spec = lease.getSpec() == null ? new V1LeaseSpec() : lease.getSpec();
    String holder = spec.getHolderIdentity();
    boolean mine = settings.identity().equals(holder);
    if (!mine && holder != null && !holder.isEmpty() && !expired(lease, now)) {
      return Future.succeededFuture(false);
    }
    if (!mine) {
      int transitions = spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions();
      spec.leaseTransitions(transitions + 1);
    }
    lease.spec(held(spec, !mine));
    return write(mine ? "renew" : "acquire", () -> leases.update(lease));
  }

  /**
   * Whether the lease has stood unchanged, by this replica's own clock, for the duration its holder
   * wrote into it (the holder's setting wins, so replicas configured differently during an upgrade
   * still agree).
   */
  private boolean expired(V1Lease lease, long now) {
    String version = lease.getMetadata().getResourceVersion();
    if (!Objects.equals(version, observedVersion)) {
      observedVersion = version;
      observedAtNanos = now;
      return false;
    }
    Integer written = lease.getSpec().getLeaseDurationSeconds();
    long duration =
        written == null
            ? settings.leaseDuration().toNanos()
            : Duration.ofSeconds(written).toNanos();
    return now - observedAtNanos >= duration;
  }

  private V1LeaseSpec held(V1LeaseSpec spec, boolean acquiring) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    if (acquiring) {
      spec.acquireTime(now);
    }
    return spec.holderIdentity(settings.identity())
        .leaseDurationSeconds(settings.leaseDurationSeconds())
        .renewTime(now);
  }

  private Future<Boolean> write(
      String action,
      java.util.concurrent.Callable<
              io.kubernetes.client.util.generic.KubernetesApiResponse<V1Lease>>
          call) {
    return kube.request(ref, action, call)
        .map(true)
        .recover(
            failure ->
                failure instanceof KubeApiException api && api.code() == 409
                    ? Future.succeededFuture(false) // another replica wrote first
                    : Future.failedFuture(failure));
  }

  private void renewed(long sentAt) {
    if (!running) {
      return;
    }
    long remainingMillis =
        (sentAt + settings.renewDeadline().toNanos() - System.nanoTime()) / 1_000_000;
    if (remainingMillis <= 0) {
      stepDown("the renewal came back after the renew deadline");
      return;
    }
    context.owner().cancelTimer(deadlineTimer);
    deadlineTimer =
        context
            .owner()
            .setTimer(remainingMillis, t -> stepDown("no renewal within the renew deadline"));
    if (!leading) {
      leading = true;
      LOG.info("{}: {} started leading", ref, settings.identity());
      callbacks.onStartedLeading();
    }
  }

  private void stepDown(String why) {
    context.owner().cancelTimer(deadlineTimer);
    if (leading) {
      leading = false;
      LOG.info("{}: {} stopped leading: {}", ref, settings.identity(), why);
      callbacks.onStoppedLeading();
    }
  }

  /** Marks the lease free so a standby need not wait for it to expire. */
  private Future<Void> release() {
    return kube.request(ref, "read", () -> leases.get(settings.namespace(), settings.name()))
        .compose(
            lease -> {
              if (lease.getSpec() == null
                  || !settings.identity().equals(lease.getSpec().getHolderIdentity())) {
                return Future.succeededFuture();
              }
              lease
                  .getSpec()
                  .holderIdentity("")
                  .leaseDurationSeconds(1)
                  .renewTime(OffsetDateTime.now(ZoneOffset.UTC));
              return kube.request(ref, "release", () -> leases.update(lease)).<Void>mapEmpty();
            })
        .recover(
            failure -> {
              LOG.warn(
                  "{}: {}: release failed, standbys wait for expiry: {}",
                  ref,
                  settings.identity(),
                  failure.getMessage());
              return Future.succeededFuture();
            });
  }
}
