package io.theseus.playground;

import static io.theseus.playground.Verified.verified;
import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.testing.EventLoopWatch;
import io.theseus.workload.WorkloadRef;
import io.theseus.workload.WorkloadState;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class SampleServiceTest {

  @RegisterExtension final EventLoopWatch vertx = new EventLoopWatch();

  private final AtomicInteger canaryWeight = new AtomicInteger();

  @Test
  void scalesItsReplicasUpAndDownAndRoundRobinsOverTheReadyOnes(VertxTestContext ctx) {
    SampleService service = service(VersionProfile.steady(ProxyFixture.FAST));
    service
        .scale(3)
        .map(
            verified(
                v -> {
                  assertThat(service.state()).isEqualTo(new WorkloadState(true, 3, 3, "v2"));
                  var ports = new HashSet<Integer>();
                  for (int i = 0; i < 6; i++) {
                    ports.add(service.nextReplica().orElseThrow());
                  }
                  assertThat(ports).hasSize(3);
                }))
        .compose(v -> service.scale(1))
        .map(
            verified(
                v -> assertThat(service.state()).isEqualTo(new WorkloadState(true, 1, 1, "v2"))))
        .compose(v -> service.remove())
        .map(
            verified(
                v -> {
                  assertThat(service.state()).isEqualTo(WorkloadState.ABSENT);
                  assertThat(service.nextReplica()).isEmpty();
                }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void startsFailingOnceTheCanaryWeightReachesTheShiftsWeight(VertxTestContext ctx) {
    var failing = ProxyFixture.FAST.withErrorRate(1.0);
    SampleService service =
        service(
            new VersionProfile(ProxyFixture.FAST, List.of(BehaviourShift.atWeight(25, failing))));
    WebClient client = WebClient.create(vertx.get());
    canaryWeight.set(24);
    service
        .scale(1)
        .compose(v -> call(client, service, 10))
        .map(allAnswered(200))
        .compose(
            v -> {
              canaryWeight.set(25);
              return call(client, service, 10);
            })
        .map(allAnswered(500))
        .eventually(() -> service.scale(0))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void answersItsHealthEndpointWithoutSimulatedFailures(VertxTestContext ctx) {
    SampleService service = service(VersionProfile.steady(ProxyFixture.FAST.withErrorRate(1.0)));
    WebClient client = WebClient.create(vertx.get());
    service
        .scale(1)
        .compose(v -> call(client, service, 10, SampleService.HEALTH_PATH))
        .map(allAnswered(200))
        .compose(v -> call(client, service, 10))
        .map(allAnswered(500))
        .eventually(() -> service.scale(0))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void answersAfterItsLatencyWithTimersSoManySlowRequestsOverlap(VertxTestContext ctx) {
    SampleService service = service(VersionProfile.steady(new VersionBehaviour(300, 0, 0, 1, 0)));
    WebClient client = WebClient.create(vertx.get());
    long start = System.nanoTime();
    service
        .scale(1)
        .compose(v -> call(client, service, 40))
        .map(
            verified(
                rs -> {
                  double elapsedMs = (System.nanoTime() - start) / 1e6;
                  assertThat(rs).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
                  // 40 x 300 ms one after another would take 12 s: the replica never sleeps.
                  assertThat(elapsedMs).isBetween(300.0, 3000.0);
                }))
        .eventually(() -> service.scale(0))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void answersItsRequestsInFlightBeforeAScaleDownClosesTheReplica(VertxTestContext ctx) {
    SampleService service = service(VersionProfile.steady(new VersionBehaviour(300, 0, 0, 1, 0)));
    WebClient client = WebClient.create(vertx.get());
    service
        .scale(1)
        .compose(
            v -> {
              Future<List<HttpResponse<Buffer>>> inFlight = call(client, service, 5);
              // Scale away while the five wait on their 300 ms timers, as a pod terminating.
              return vertx.get().timer(50).compose(t -> service.scale(0)).compose(s -> inFlight);
            })
        .map(allAnswered(200))
        .map(verified(rs -> assertThat(service.nextReplica()).isEmpty()))
        .onComplete(ctx.succeedingThenComplete());
  }

  private SampleService service(VersionProfile profile) {
    var spec = new ServiceVersion(new WorkloadRef("demo", "shop-v2"), "v2", profile, 3);
    return new SampleService(vertx.get(), spec, canaryWeight::get);
  }

  /** Passes the responses on after checking that every one has status {@code code}. */
  private static Function<List<HttpResponse<Buffer>>, List<HttpResponse<Buffer>>> allAnswered(
      int code) {
    return verified(
        rs -> assertThat(rs).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(code)));
  }

  private static Future<List<HttpResponse<Buffer>>> call(
      WebClient client, SampleService service, int n) {
    return call(client, service, n, "/");
  }

  private static Future<List<HttpResponse<Buffer>>> call(
      WebClient client, SampleService service, int n, String path) {
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(
          client.get(service.nextReplica().orElseThrow(), "127.0.0.1", path).timeout(5000).send());
    }
    return Future.all(calls).map(all -> all.list());
  }
}
