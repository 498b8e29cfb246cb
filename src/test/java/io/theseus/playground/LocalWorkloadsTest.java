package io.theseus.playground;

import static io.theseus.playground.Verified.verified;
import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.testing.EventLoopWatch;
import io.theseus.workload.WorkloadRef;
import io.theseus.workload.WorkloadState;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class LocalWorkloadsTest {

  @RegisterExtension final EventLoopWatch vertx = new EventLoopWatch();

  private static final WorkloadRef STABLE = new WorkloadRef("demo", "shop-v1");
  private static final WorkloadRef UNKNOWN = new WorkloadRef("demo", "shop-v9");

  @Test
  void readsScalesAndRemovesASampleServiceLikeADeployment(VertxTestContext ctx) {
    var service =
        new SampleService(
            vertx.get(),
            new ServiceVersion(STABLE, "v1", VersionProfile.steady(ProxyFixture.FAST), 1),
            () -> 0);
    var workloads = new LocalWorkloads(List.of(service));
    workloads
        .scale(STABLE, 2)
        .compose(v -> workloads.read(STABLE))
        .map(verified(s -> assertThat(s).isEqualTo(new WorkloadState(true, 2, 2, "v1"))))
        .map(verified(s -> assertThat(s.available()).isTrue()))
        .compose(v -> workloads.remove(STABLE))
        .compose(v -> workloads.remove(STABLE))
        .compose(v -> workloads.read(STABLE))
        .map(verified(s -> assertThat(s).isEqualTo(WorkloadState.ABSENT)))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void readsAnUnknownWorkloadAsAbsentAndRefusesToScaleIt(VertxTestContext ctx) {
    var workloads = new LocalWorkloads(List.of());
    workloads
        .read(UNKNOWN)
        .map(verified(s -> assertThat(s).isEqualTo(WorkloadState.ABSENT)))
        .compose(v -> workloads.remove(UNKNOWN))
        .compose(v -> workloads.scale(UNKNOWN, 1))
        .onComplete(
            ctx.failing(
                e ->
                    ctx.verify(
                        () -> {
                          assertThat(e)
                              .hasMessage(
                                  "Workload demo/shop-v9: scale failed: no such local workload");
                          ctx.completeNow();
                        })));
  }
}
