package io.theseus.kube;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TokenReview and SubjectAccessReview answered as kube-apiserver would, from a small table: which
 * token is which user (with groups), and in which namespaces a user or group may {@code update}
 * {@code canaryrollouts/override} in group theseus.io (the right the override API asks about).
 * Anything else is denied; an unknown token is not authenticated. The CRUD mock would store a
 * review and echo it back without a status, as if nobody were ever authenticated.
 */
public final class AccessReviews {

  private static final String TOKEN_REVIEWS = "/apis/authentication.k8s.io/v1/tokenreviews";
  private static final String ACCESS_REVIEWS = "/apis/authorization.k8s.io/v1/subjectaccessreviews";

  private record User(String name, List<String> groups) {}

  private final Map<String, User> tokens = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> namespaces = new ConcurrentHashMap<>();
  private final AtomicInteger tokenReviews = new AtomicInteger();
  private final AtomicInteger accessReviews = new AtomicInteger();

  /** {@code token} authenticates as {@code user} in {@code groups}. */
  public AccessReviews token(String token, String user, String... groups) {
    tokens.put(token, new User(user, List.of(groups)));
    return this;
  }

  /** The user or group {@code subject} may override rollouts in {@code namespace}. */
  public AccessReviews allow(String subject, String namespace) {
    namespaces.computeIfAbsent(subject, s -> ConcurrentHashMap.newKeySet()).add(namespace);
    return this;
  }

  /** TokenReviews answered so far. */
  public int tokenReviews() {
    return tokenReviews.get();
  }

  /** SubjectAccessReviews answered so far. */
  public int accessReviews() {
    return accessReviews.get();
  }

  /** The answer to {@code request} when it creates a review, else null. */
  MockResponse answer(RecordedRequest request) {
    if (!"POST".equalsIgnoreCase(request.getMethod())) {
      return null;
    }
    String path = request.getPath();
    if (path.startsWith(TOKEN_REVIEWS)) {
      tokenReviews.incrementAndGet();
      return created(tokenReview(body(request)));
    }
    if (path.startsWith(ACCESS_REVIEWS)) {
      accessReviews.incrementAndGet();
      return created(accessReview(body(request)));
    }
    return null;
  }

  private JsonObject tokenReview(JsonObject review) {
    User user = tokens.get(review.getAsJsonObject("spec").get("token").getAsString());
    JsonObject status = new JsonObject();
    status.addProperty("authenticated", user != null);
    if (user != null) {
      JsonObject info = new JsonObject();
      info.addProperty("username", user.name());
      JsonArray groups = new JsonArray();
      user.groups().forEach(groups::add);
      info.add("groups", groups);
      status.add("user", info);
    }
    review.add("status", status);
    return review;
  }

  private JsonObject accessReview(JsonObject review) {
    JsonObject spec = review.getAsJsonObject("spec");
    JsonObject on = spec.getAsJsonObject("resourceAttributes");
    boolean overrideRight =
        "theseus.io".equals(text(on, "group"))
            && "canaryrollouts".equals(text(on, "resource"))
            && "override".equals(text(on, "subresource"))
            && "update".equals(text(on, "verb"));
    boolean allowed = overrideRight && allowedIn(text(spec, "user"), text(on, "namespace"));
    if (overrideRight && spec.has("groups")) {
      for (var group : spec.getAsJsonArray("groups")) {
        allowed |= allowedIn(group.getAsString(), text(on, "namespace"));
      }
    }
    JsonObject status = new JsonObject();
    status.addProperty("allowed", allowed);
    review.add("status", status);
    return review;
  }

  private boolean allowedIn(String subject, String namespace) {
    return subject != null && namespaces.getOrDefault(subject, Set.of()).contains(namespace);
  }

  private static String text(JsonObject object, String field) {
    return object.has(field) && !object.get(field).isJsonNull()
        ? object.get(field).getAsString()
        : null;
  }

  private static JsonObject body(RecordedRequest request) {
    return JsonParser.parseString(request.getUtf8Body()).getAsJsonObject();
  }

  private static MockResponse created(JsonObject review) {
    return new MockResponse()
        .setResponseCode(201)
        .setHeader("Content-Type", "application/json")
        .setBody(review.toString());
  }
}
