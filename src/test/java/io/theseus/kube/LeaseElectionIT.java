package io.theseus.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1LeaseList;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeaseElectionIT {

  private static final Duration LEASE = Duration.ofSeconds(3);
  private static final Duration RENEW_DEADLINE = Duration.ofMillis(1500);
  private static final Duration RETRY = Duration.ofMillis(250);

  /** Generous: the first client-java call of a JVM loads OkHttp, Kotlin and Gson adapters. */
  private static final long FIRST_LEADER_SECONDS = 30;

  private KubeTestServer server;
  private Replica a;
  private Replica b;

  /** One daemon replica: its own Vert.x, pool, client (tagged with its name) and election. */
  private final class Replica implements LeaseElection.Callbacks {
    final String name;
    final VertxLoop loop = new VertxLoop();
    final KubeCalls kube =
        new KubeCalls(
            loop.vertx(),
            new KubeCallOptions(
                2, Duration.ofSeconds(5), 1, Duration.ofMillis(10), Duration.ofMillis(10)));
    final LeaseElection election;
    final CompletableFuture<Long> started = new CompletableFuture<>();
    final CompletableFuture<Long> stopped = new CompletableFuture<>();
    volatile boolean onOwnerContext = true;

    Replica(String name) {
      this.name = name;
      var settings =
          new LeaseSettings("theseus", "theseus-leader", name, LEASE, RENEW_DEADLINE, RETRY);
      election = new LeaseElection(loop.context(), kube, server.clientFor(name), settings, this);
    }

    @Override
    public void onStartedLeading() {
      onOwnerContext &= Vertx.currentContext() == loop.context();
      started.complete(System.nanoTime());
    }

    @Override
    public void onStoppedLeading() {
      onOwnerContext &= Vertx.currentContext() == loop.context();
      stopped.complete(System.nanoTime());
    }

    void close() throws Exception {
      loop.await(election::stop);
      kube.close();
      loop.close();
    }
  }

  @BeforeEach
  void start() {
    server = KubeTestServer.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (Replica replica : new Replica[] {a, b}) {
      if (replica != null) {
        replica.close();
      }
    }
    server.close();
  }

  @Test
  void onlyOneOfTwoReplicasLeadsAndTheLeaseNamesIt() throws Exception {
    aLeadsWithBStandingBy();

    // Standing by for longer than a lease duration: b must not start leading meanwhile.
    assertThat(
            b.started.completeOnTimeout(-1L, 3 * LEASE.toMillis() / 2, TimeUnit.MILLISECONDS).get())
        .isEqualTo(-1L);
    assertThat(a.election.isLeader()).isTrue();
    assertThat(b.election.isLeader()).isFalse();
    assertThat(holder()).isEqualTo("a");
    assertThat(a.onOwnerContext).isTrue();
  }

  @Test
  void aLeaderThatCannotRenewStopsBeforeTheStandbyTakesOver() throws Exception {
    aLeadsWithBStandingBy();
    long cutAt = System.nanoTime();

    // a loses the API server: every request it makes from now on fails.
    server.failNextFrom("a", "GET", "leases", 503, 10_000);
    server.failNextFrom("a", "PUT", "leases", 503, 10_000);

    long stoppedAt = a.stopped.get(10, TimeUnit.SECONDS);
    long takenAt = b.started.get(15, TimeUnit.SECONDS);
    assertThat(stoppedAt).isLessThan(takenAt);
    // a stops within its renew deadline of the last renewal that got through (before the cut)...
    assertThat(Duration.ofNanos(stoppedAt - cutAt)).isLessThan(LEASE);
    // ...while b waits until the lease has stood still for a lease duration by its own clock.
    assertThat(Duration.ofNanos(takenAt - cutAt)).isGreaterThan(LEASE.dividedBy(2));
    assertThat(a.election.isLeader()).isFalse();
    assertThat(holder()).isEqualTo("b");
    assertThat(a.onOwnerContext && b.onOwnerContext).isTrue();
  }

  @Test
  void aStoppingLeaderReleasesTheLeaseSoTheStandbyNeedNotWaitForExpiry() throws Exception {
    aLeadsWithBStandingBy();

    long stopAt = System.nanoTime();
    a.loop.await(a.election::stop);

    assertThat(a.stopped).isDone();
    long takenAt = b.started.get(10, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(takenAt - stopAt)).isLessThan(LEASE);
    assertThat(holder()).isEqualTo("b");
  }

  @Test
  void settingsThatWouldLetTwoLeadersOverlapAreRefusedNamingTheField() {
    assertThatThrownBy(
            () ->
                new LeaseSettings(
                    "ns",
                    "l",
                    "a",
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(2)))
        .hasMessage(
            "leader election: renewDeadline: PT10S is not allowed (shorter than leaseDuration PT10S)");
  }

  /** Starts replica a, waits until it leads, then starts b, which must stand by. */
  private void aLeadsWithBStandingBy() throws Exception {
    a = new Replica("a");
    b = new Replica("b");
    a.election.start();
    a.started.get(FIRST_LEADER_SECONDS, TimeUnit.SECONDS);
    b.election.start();
  }

  private String holder() {
    var leases =
        new GenericKubernetesApi<>(
            V1Lease.class,
            V1LeaseList.class,
            "coordination.k8s.io",
            "v1",
            "leases",
            server.client());
    return leases.get("theseus", "theseus-leader").getObject().getSpec().getHolderIdentity();
  }
}
