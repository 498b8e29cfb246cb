package io.theseus.kube;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The CRUD mock, closer to kube-apiserver and scriptable: a JSON Patch whose {@code test} op fails
 * gets 422 Invalid (the mock would drop the connection); a status update carrying a stale
 * resourceVersion gets 409 Conflict (the mock would apply it); a 404 carries a Status body;
 * scripted faults answer the next matching requests with an error status, optionally after applying
 * them (a lost response); another writer's change or deletion can be interleaved around the next
 * PATCH; and TokenReviews and SubjectAccessReviews are answered from {@link AccessReviews}' table.
 */
final class FaultyCrudDispatcher extends KubernetesCrudDispatcher {

  /**
   * One scripted fault.
   *
   * @param method HTTP method to match
   * @param pathPart substring of the request path to match
   * @param client value of the {@value #CLIENT_HEADER} header to match, or null for any client
   * @param bodyPart substring of the request body to match, or null for any body
   * @param code status to answer
   * @param applyFirst whether the request is applied before the error is answered
   */
  record Fault(
      String method,
      String pathPart,
      String client,
      String bodyPart,
      int code,
      boolean applyFirst) {

    boolean matches(RecordedRequest request) {
      return request.getMethod().equalsIgnoreCase(method)
          && request.getPath().contains(pathPart)
          && (client == null || client.equals(request.getHeader(CLIENT_HEADER)))
          && (bodyPart == null || body(request).contains(bodyPart));
    }

    private static String body(RecordedRequest request) {
      return request.getBody() == null
          ? ""
          : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Header a test client sets to be told apart from others in {@link Fault#client()}. */
  static final String CLIENT_HEADER = "X-Test-Client";

  /**
   * Another writer's JSON Patch, applied just before ({@code after == false}: the change lands
   * between the client's read and its write) or just after the next PATCH whose path contains
   * {@code pathPart} (it lands between the client's write and its read-back).
   */
  record Interleave(String pathPart, String jsonPatch, boolean after) {}

  /**
   * Another writer's deletion of the object at {@code objectPath}, applied just after the next
   * PATCH whose path contains {@code pathPart} (before its response is sent).
   */
  record Deletion(String pathPart, String objectPath) {}

  private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
  private final Queue<Interleave> interleaves = new ConcurrentLinkedQueue<>();
  private final Queue<Deletion> deletions = new ConcurrentLinkedQueue<>();
  private final AtomicInteger patches = new AtomicInteger();
  private final Queue<String> writes = new ConcurrentLinkedQueue<>();
  private final AccessReviews reviews = new AccessReviews();

  FaultyCrudDispatcher(List<CustomResourceDefinitionContext> crds) {
    super(crds);
  }

  void inject(Fault fault, int times) {
    for (int i = 0; i < times; i++) {
      faults.add(fault);
    }
  }

  void interleave(Interleave change) {
    interleaves.add(change);
  }

  void deleteAfter(Deletion deletion) {
    deletions.add(deletion);
  }

  void clearFaults() {
    faults.clear();
  }

  int faultsLeft() {
    return faults.size();
  }

  AccessReviews reviews() {
    return reviews;
  }

  int patchCount() {
    return patches.get();
  }

  /**
   * Requests other than GET sent by the client tagged {@code client} to a path with {@code part}.
   */
  int writesFrom(String client, String part) {
    String prefix = client + " ";
    return (int) writes.stream().filter(w -> w.startsWith(prefix) && w.contains(part)).count();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String client = request.getHeader(CLIENT_HEADER);
    if (client != null && !"GET".equalsIgnoreCase(request.getMethod())) {
      writes.add(client + " " + request.getPath());
    }
    MockResponse review = reviews.answer(request);
    if (review != null) {
      return review;
    }
    Interleave change = takePatched(interleaves, Interleave::pathPart, request);
    if (change != null && !change.after()) {
      applyPatch(request.getPath(), change.jsonPatch());
    }
    MockResponse response = respond(request);
    if (change != null && change.after()) {
      applyPatch(request.getPath(), change.jsonPatch());
    }
    Deletion deletion = takePatched(deletions, Deletion::pathPart, request);
    if (deletion != null) {
      super.handleDelete(deletion.objectPath());
    }
    return response;
  }

  private MockResponse respond(RecordedRequest request) {
    Fault fault = faults.stream().filter(f -> f.matches(request)).findFirst().orElse(null);
    if (fault == null || !faults.remove(fault)) {
      return withStatusBody(super.dispatch(request));
    }
    if (fault.applyFirst()) {
      super.dispatch(request);
    }
    return status(fault.code(), fault.code() == 409 ? "Conflict" : "InternalError", "injected");
  }

  /** Takes the first of {@code queue} whose path part the PATCH {@code request}'s path contains. */
  private static <T> T takePatched(
      Queue<T> queue, Function<T, String> pathPart, RecordedRequest request) {
    if (!"PATCH".equalsIgnoreCase(request.getMethod())) {
      return null;
    }
    T change =
        queue.stream()
            .filter(i -> request.getPath().contains(pathPart.apply(i)))
            .findFirst()
            .orElse(null);
    return change != null && queue.remove(change) ? change : null;
  }

  private void applyPatch(String path, String jsonPatch) {
    var headers = Headers.builder().add("Content-Type", "application/json-patch+json").build();
    var body = new Buffer(jsonPatch.getBytes(StandardCharsets.UTF_8));
    super.handlePatch(new RecordedRequest("HTTP/1.1", HttpMethod.PATCH, path, headers, body));
  }

  /**
   * kube-apiserver refuses an update whose {@code metadata.resourceVersion} is not the stored one.
   * The mock checks that for a resource but not for its status subresource (it takes only the
   * status from the request), so two status writers would silently lose each other's update.
   * Synchronized so that two status updates cannot both pass the check.
   */
  @Override
  public synchronized MockResponse handleUpdate(RecordedRequest request) {
    String path = request.getPath().split("\\?", 2)[0];
    if (path.endsWith("/status")) {
      String sent =
          resourceVersion(new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
      MockResponse stored = super.handleGet(path.substring(0, path.length() - "/status".length()));
      if (sent != null
          && stored.code() == 200
          && !sent.equals(
              resourceVersion(new String(stored.getBody().getBytes(), StandardCharsets.UTF_8)))) {
        return status(
            409,
            "Conflict",
            "the object has been modified; please apply your changes to the latest version and try again");
      }
    }
    return super.handleUpdate(request);
  }

  private static String resourceVersion(String json) {
    JsonElement metadata = JsonParser.parseString(json).getAsJsonObject().get("metadata");
    if (metadata == null || !metadata.isJsonObject()) {
      return null;
    }
    JsonElement version = metadata.getAsJsonObject().get("resourceVersion");
    return version == null || version.isJsonNull() || version.getAsString().isEmpty()
        ? null
        : version.getAsString();
  }

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    patches.incrementAndGet();
    try {
      return super.handlePatch(request);
    } catch (JsonPatchException e) {
      // What kube-apiserver answers when a JSON Patch test op does not hold.
      return status(422, "Invalid", "the server rejected our request: " + e.getMessage());
    }
  }

  /** A real API server explains every error with a Status body; the mock leaves some empty. */
  private static MockResponse withStatusBody(MockResponse response) {
    if (response.code() == 404 && (response.getBody() == null || response.getBody().size() == 0)) {
      return status(404, "NotFound", "not found");
    }
    return response;
  }

  private static MockResponse status(int code, String reason, String message) {
    String body =
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":%d,\"reason\":\"%s\",\"message\":\"%s\"}"
            .formatted(code, reason, message.replace("\"", "'"));
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }
}
