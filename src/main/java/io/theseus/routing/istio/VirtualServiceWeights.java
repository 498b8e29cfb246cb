package io.theseus.routing.istio;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.theseus.routing.RouteState;
import io.theseus.routing.RouteTarget;
import io.theseus.routing.RouteUpdateException;
import io.theseus.routing.RouteWeights;
import java.util.Objects;

/**
 * Pure mapping between {@link RouteWeights} and the weighted default route of a VirtualService: the
 * HTTP route named {@value #PRIMARY_ROUTE} with one destination per subset. Theseus owns only its
 * named routes; every other route of an adopted VirtualService is left untouched.
 */
public final class VirtualServiceWeights {

  /** Name of the weighted default route Theseus owns. */
  public static final String PRIMARY_ROUTE = "theseus-primary";

  private VirtualServiceWeights() {}

  /** A new VirtualService for the target's host with all traffic on stable. */
  public static JsonObject create(RouteTarget target) {
    var hosts = new JsonArray();
    hosts.add(target.service());
    var http = new JsonArray();
    http.add(primaryRoute(new JsonObject(), target, RouteWeights.ALL_STABLE));
    var spec = new JsonObject();
    spec.add("hosts", hosts);
    spec.add("http", http);
    return IstioObjects.newObject("VirtualService", target, spec);
  }

  /** True when the VirtualService routes the target's host for sidecars (the {@code mesh}). */
  public static boolean servesHost(JsonObject service, RouteTarget target) {
    JsonObject spec = service.getAsJsonObject("spec");
    JsonArray hosts = IstioObjects.array(spec, "hosts");
    JsonArray gateways = IstioObjects.array(spec, "gateways");
    boolean mesh =
        gateways == null || gateways.isEmpty() || gateways.contains(new JsonPrimitive("mesh"));
    return mesh
        && hosts != null
        && hosts.asList().stream().anyMatch(h -> ServiceHost.matches(h.getAsString(), target));
  }

  /** The routing in force: the primary route's weights and whether the header route is first. */
  public static RouteState read(JsonObject service, RouteTarget target) {
    JsonArray http = IstioObjects.array(service.getAsJsonObject("spec"), "http");
    int index = http == null ? -1 : IstioObjects.indexOfNamed(http, PRIMARY_ROUTE);
    if (index < 0) {
      throw failure(service, target, "read", "no HTTP route named " + PRIMARY_ROUTE);
    }
    JsonArray route = IstioObjects.array(http.get(index).getAsJsonObject(), "route");
    int stable = weightOf(route, DestinationRuleSubsets.STABLE);
    int canary = weightOf(route, DestinationRuleSubsets.CANARY);
    if (stable < 0 || canary < 0 || stable + canary != 100) {
      throw failure(
          service,
          target,
          "read",
          "route "
              + PRIMARY_ROUTE
              + " weights stable="
              + stable
              + " canary="
              + canary
              + " (each subset once, summing to 100)");
    }
    return new RouteState(
        new RouteWeights(stable, canary), VirtualServiceHeaderRoute.isFirst(http, target));
  }

  /**
   * The patch that gives an adopted VirtualService the primary route, all traffic on stable; empty
   * when it has one. A catch-all route (no match) to the target's host is taken over in place,
   * keeping its other settings (timeouts, retries), because a route after it would never match;
   * otherwise the primary route is appended after the existing ones.
   */
  public static JsonPatch adopt(JsonObject service, RouteTarget target) {
    JsonArray http = IstioObjects.array(service.getAsJsonObject("spec"), "http");
    var patch = new JsonPatch();
    if (http == null) {
      var routes = new JsonArray();
      routes.add(primaryRoute(new JsonObject(), target, RouteWeights.ALL_STABLE));
      return patch.add("/spec/http", routes);
    }
    if (IstioObjects.indexOfNamed(http, PRIMARY_ROUTE) >= 0) {
      return patch;
    }
    int catchAll = catchAllIndex(http, target);
    if (catchAll < 0) {
      return patch.add(
          "/spec/http/-", primaryRoute(new JsonObject(), target, RouteWeights.ALL_STABLE));
    }
    JsonObject current = http.get(catchAll).getAsJsonObject();
    String path = "/spec/http/" + catchAll;
    return patch
        .test(path, current)
        .replace(path, primaryRoute(current, target, RouteWeights.ALL_STABLE));
  }

  /**
   * The patch that sets the primary route's weights; empty when they are set already. It tests the
   * route's name and its whole current destination list (which carries the current weights), so a
   * concurrent change makes the server refuse it instead of being overwritten.
   */
  public static JsonPatch setWeights(JsonObject service, RouteTarget target, RouteWeights weights) {
    if (read(service, target).weights().equals(weights)) {
      return new JsonPatch();
    }
    JsonArray http = IstioObjects.array(service.getAsJsonObject("spec"), "http");
    int index = IstioObjects.indexOfNamed(http, PRIMARY_ROUTE);
    JsonObject current = http.get(index).getAsJsonObject();
    String path = "/spec/http/" + index;
    return new JsonPatch()
        .test(path + "/name", PRIMARY_ROUTE)
        .test(path + "/route", current.get("route"))
        .replace(path + "/route", primaryRoute(current, target, weights).get("route"));
  }

  /** {@code base} (a copy) named as the primary route, splitting traffic by {@code weights}. */
  private static JsonObject primaryRoute(
      JsonObject base, RouteTarget target, RouteWeights weights) {
    JsonObject route = base.deepCopy();
    JsonArray old = IstioObjects.array(base, "route");
    var destinations = new JsonArray();
    destinations.add(destination(old, target, DestinationRuleSubsets.STABLE, weights.stable()));
    destinations.add(destination(old, target, DestinationRuleSubsets.CANARY, weights.canary()));
    route.addProperty("name", PRIMARY_ROUTE);
    route.add("route", destinations);
    return route;
  }

  /**
   * The destination to {@code subset}, keeping the other fields it already had (port, headers...).
   * A subset without an entry of its own starts from the adopted catch-all's destination (the one
   * without a subset), so both subsets keep the port and header rules the route had.
   */
  private static JsonObject destination(
      JsonArray old, RouteTarget target, String subset, int weight) {
    int index = old == null ? -1 : subsetIndex(old, subset);
    if (index < 0 && old != null) {
      index = subsetIndex(old, null);
    }
    JsonObject entry = index < 0 ? new JsonObject() : old.get(index).getAsJsonObject().deepCopy();
    JsonObject destination =
        entry.has("destination") ? entry.getAsJsonObject("destination") : new JsonObject();
    destination.addProperty("host", target.service());
    destination.addProperty("subset", subset);
    entry.add("destination", destination);
    entry.addProperty("weight", weight);
    return entry;
  }

  private static int weightOf(JsonArray route, String subset) {
    int index = route == null ? -1 : subsetIndex(route, subset);
    if (index < 0) {
      return route != null && route.size() == 1 ? 0 : -1;
    }
    JsonElement weight = route.get(index).getAsJsonObject().get("weight");
    // Istio: a lone destination without a weight takes all the traffic.
    return weight == null ? (route.size() == 1 ? 100 : 0) : weight.getAsInt();
  }

  /** Index of the entry whose destination names {@code subset} (null: names none), or -1. */
  private static int subsetIndex(JsonArray route, String subset) {
    for (int i = 0; i < route.size(); i++) {
      JsonObject destination = route.get(i).getAsJsonObject().getAsJsonObject("destination");
      if (Objects.equals(subset, IstioObjects.string(destination, "subset"))) {
        return i;
      }
    }
    return -1;
  }

  private static int catchAllIndex(JsonArray http, RouteTarget target) {
    for (int i = 0; i < http.size(); i++) {
      JsonObject route = http.get(i).getAsJsonObject();
      JsonArray match = IstioObjects.array(route, "match");
      JsonArray destinations = IstioObjects.array(route, "route");
      if ((match == null || match.isEmpty())
          && destinations != null
          && !destinations.isEmpty()
          && destinations.asList().stream().allMatch(d -> toHost(d, target))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean toHost(JsonElement entry, RouteTarget target) {
    String host =
        IstioObjects.string(entry.getAsJsonObject().getAsJsonObject("destination"), "host");
    return host != null && ServiceHost.matches(host, target);
  }

  static RouteUpdateException failure(
      JsonObject service, RouteTarget target, String action, String cause) {
    return new RouteUpdateException(
        "VirtualService "
            + target.namespace()
            + "/"
            + IstioObjects.name(service)
            + ": "
            + action
            + " failed: "
            + cause);
  }
}
