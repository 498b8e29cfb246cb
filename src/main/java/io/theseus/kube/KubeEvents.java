package io.theseus.kube;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.CoreV1EventList;
import io.kubernetes.client.openapi.models.V1EventSource;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records core/v1 Events on the objects Theseus acts for (phase changes, rollbacks, overrides), as
 * {@code kubectl describe} shows them. A repeat of the same event on the same object within {@code
 * dedupeWindow} bumps the existing Event's count instead of adding one, as client-go's recorder
 * does. Events are best effort: callers should log a failure and carry on, never fail a tick.
 *
 * <p>Construct with {@code new KubeEvents(kubeCalls, apiClient, podName, Clock.systemUTC())}.
 */
public final class KubeEvents {

  /** Component named as the source of every Event. */
  public static final String COMPONENT = "theseus";

  private static final Duration DEDUPE_WINDOW = Duration.ofMinutes(10);
  private static final int MAX_MESSAGE = 1024;

  /** Event severity, as Kubernetes spells it. */
  public enum Type {
    Normal,
    Warning
  }

  /**
   * The object an Event is about.
   *
   * @param apiVersion its apiVersion ({@code theseus.io/v1alpha1})
   * @param ref its kind, namespace and name
   * @param uid its uid, or null when unknown
   */
  public record Subject(String apiVersion, KubeRef ref, String uid) {}

  private record Key(KubeRef ref, Type type, String reason, String message) {}

  private record Recorded(String name, int count, OffsetDateTime last) {}

  private final KubeCalls kube;
  private final GenericKubernetesApi<CoreV1Event, CoreV1EventList> events;
  private final String instance;
  private final Clock clock;
  private final Map<Key, Recorded> recent = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  /**
   * @param instance this replica's name (the pod name), recorded as the reporting instance
   */
  public KubeEvents(KubeCalls kube, ApiClient client, String instance, Clock clock) {
    this.kube = kube;
    this.events =
        new GenericKubernetesApi<>(
            CoreV1Event.class, CoreV1EventList.class, "", "v1", "events", client);
    this.instance = instance;
    this.clock = clock;
  }

  /**
   * Records an Event on {@code subject}.
   *
   * @param reason short UpperCamelCase cause ({@code WeightChanged}, {@code RolledBack})
   * @param message what happened, for people; cut to 1024 characters
   */
  public Future<Void> record(Subject subject, Type type, String reason, String message) {
    String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
    var key = new Key(subject.ref(), type, reason, text);
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    Recorded earlier = recent.get(key);
    Future<Recorded> written =
        earlier != null && earlier.last().plus(DEDUPE_WINDOW).isAfter(now)
            ? bump(subject, earlier, now)
                .recover(
                    failure ->
                        failure instanceof KubeApiException api && api.notFound()
                            ? create(subject, key, now)
                            : Future.failedFuture(failure))
            : create(subject, key, now);
    return written.onSuccess(recorded -> recent.put(key, recorded)).mapEmpty();
  }

  private Future<Recorded> create(Subject subject, Key key, OffsetDateTime now) {
    KubeRef ref = subject.ref();
    String name =
        ref.name() + "." + Long.toHexString(clock.millis()) + "-" + sequence.incrementAndGet();
    var event =
        new CoreV1Event()
            .apiVersion("v1")
            .kind("Event")
            .metadata(new V1ObjectMeta().name(name).namespace(ref.namespace()))
            .involvedObject(
                new V1ObjectReference()
                    .apiVersion(subject.apiVersion())
                    .kind(ref.kind())
                    .namespace(ref.namespace())
                    .name(ref.name())
                    .uid(subject.uid()))
            .type(key.type().name())
            .reason(key.reason())
            .message(key.message())
            .source(new V1EventSource().component(COMPONENT).host(instance))
            .reportingComponent(COMPONENT)
            .reportingInstance(instance)
            .firstTimestamp(now)
            .lastTimestamp(now)
            .count(1);
    return kube.retry(() -> kube.request(eventRef(ref, name), "create", () -> events.create(event)))
        .map(created -> new Recorded(name, 1, now));
  }

  private Future<Recorded> bump(Subject subject, Recorded earlier, OffsetDateTime now) {
    int count = earlier.count() + 1;
    var patch =
        new V1Patch(
            "[{\"op\":\"replace\",\"path\":\"/count\",\"value\":%d},{\"op\":\"replace\",\"path\":\"/lastTimestamp\",\"value\":\"%s\"}]"
                .formatted(
                    count,
                    DateTimeFormatter.ISO_INSTANT.format(
                        now.toInstant().truncatedTo(ChronoUnit.SECONDS))));
    KubeRef ref = eventRef(subject.ref(), earlier.name());
    return kube.retry(
            () ->
                kube.request(
                    ref,
                    "count repeat",
                    () ->
                        events.patch(
                            ref.namespace(), ref.name(), V1Patch.PATCH_FORMAT_JSON_PATCH, patch)))
        .map(patched -> new Recorded(earlier.name(), count, now));
  }

  private static KubeRef eventRef(KubeRef subject, String name) {
    return new KubeRef("Event", subject.namespace(), name);
  }
}
