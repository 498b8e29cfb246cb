package io.theseus.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.CoreV1EventList;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.theseus.kube.KubeEvents.Subject;
import io.theseus.kube.KubeEvents.Type;
import io.theseus.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KubeEventsIT {

  private static final Subject ROLLOUT =
      new Subject("theseus.io/v1alpha1", new KubeRef("CanaryRollout", "shop", "checkout"), "uid-1");

  @RegisterExtension final KubeRig rig = new KubeRig();
  private final ManualClock clock = new ManualClock();
  private KubeEvents events;

  @BeforeEach
  void start() {
    events = new KubeEvents(rig.kube, rig.server.client(), "theseus-7d9f-abc", clock);
  }

  @Test
  void recordsAnEventOnTheRolloutWithItsSource() {
    rig.loop.await(() -> events.record(ROLLOUT, Type.Normal, "WeightChanged", "canary weight 5%"));

    CoreV1Event event = only();
    assertThat(event.getInvolvedObject().getKind()).isEqualTo("CanaryRollout");
    assertThat(event.getInvolvedObject().getName()).isEqualTo("checkout");
    assertThat(event.getInvolvedObject().getUid()).isEqualTo("uid-1");
    assertThat(event.getType()).isEqualTo("Normal");
    assertThat(event.getReason()).isEqualTo("WeightChanged");
    assertThat(event.getMessage()).isEqualTo("canary weight 5%");
    assertThat(event.getSource().getComponent()).isEqualTo("theseus");
    assertThat(event.getReportingInstance()).isEqualTo("theseus-7d9f-abc");
    assertThat(event.getCount()).isEqualTo(1);
  }

  @Test
  void aRepeatWithinTheWindowCountsOnTheSameEvent() {
    rig.loop.await(
        () -> events.record(ROLLOUT, Type.Warning, "MetricsUnavailable", "prometheus down"));
    clock.advance(Duration.ofMinutes(1));
    rig.loop.await(
        () -> events.record(ROLLOUT, Type.Warning, "MetricsUnavailable", "prometheus down"));

    CoreV1Event event = only();
    assertThat(event.getCount()).isEqualTo(2);
    assertThat(event.getLastTimestamp().toInstant())
        .isEqualTo(Instant.parse("2026-01-01T10:01:00Z"));
    assertThat(event.getFirstTimestamp().toInstant())
        .isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
  }

  @Test
  void aDifferentMessageOrALateRepeatIsANewEvent() {
    rig.loop.await(() -> events.record(ROLLOUT, Type.Normal, "WeightChanged", "canary weight 5%"));
    rig.loop.await(() -> events.record(ROLLOUT, Type.Normal, "WeightChanged", "canary weight 25%"));
    clock.advance(Duration.ofMinutes(11));
    rig.loop.await(() -> events.record(ROLLOUT, Type.Normal, "WeightChanged", "canary weight 25%"));

    assertThat(all())
        .extracting(CoreV1Event::getMessage, CoreV1Event::getCount)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("canary weight 5%", 1),
            org.assertj.core.groups.Tuple.tuple("canary weight 25%", 1),
            org.assertj.core.groups.Tuple.tuple("canary weight 25%", 1));
  }

  @Test
  void aRepeatOfAnExpiredEventCreatesItAgain() {
    rig.loop.await(() -> events.record(ROLLOUT, Type.Normal, "Paused", "paused by alice"));
    var api = eventsApi();
    api.delete("shop", only().getMetadata().getName());

    rig.loop.await(() -> events.record(ROLLOUT, Type.Normal, "Paused", "paused by alice"));

    assertThat(only().getCount()).isEqualTo(1);
  }

  private CoreV1Event only() {
    List<CoreV1Event> all = all();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private List<CoreV1Event> all() {
    return eventsApi().list("shop").getObject().getItems().stream()
        .sorted(Comparator.comparing(e -> e.getMetadata().getName()))
        .toList();
  }

  private GenericKubernetesApi<CoreV1Event, CoreV1EventList> eventsApi() {
    return new GenericKubernetesApi<>(
        CoreV1Event.class, CoreV1EventList.class, "", "v1", "events", rig.server.client());
  }
}
