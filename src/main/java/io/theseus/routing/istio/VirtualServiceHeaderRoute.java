package io.theseus.routing.istio;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.theseus.routing.RouteTarget;

/**
 * Pure mapping of the dark-canary route: the HTTP route named {@value #HEADER_ROUTE}, first in the
 * VirtualService, that sends requests carrying the target's header and value to the canary subset
 * whatever the weights.
 */
public final class VirtualServiceHeaderRoute {

  /** Name of the dark-canary header route Theseus owns. */
  public static final String HEADER_ROUTE = "theseus-canary-header";

  private VirtualServiceHeaderRoute() {}

  /** True when the header route for this target is the first HTTP route. */
  static boolean isFirst(JsonArray http, RouteTarget target) {
    return !http.isEmpty() && http.get(0).equals(route(target));
  }

  /**
   * The patch that adds the header route as the first route ({@code enabled}) or removes it; empty
   * when it is already so. A header route found elsewhere or with other settings is removed
   * (guarded by a test op on its name) and written anew at the front.
   */
  public static JsonPatch set(JsonObject service, RouteTarget target, boolean enabled) {
    JsonArray http = IstioObjects.array(service.getAsJsonObject("spec"), "http");
    int index = http == null ? -1 : IstioObjects.indexOfNamed(http, HEADER_ROUTE);
    boolean inPlace = http != null && isFirst(http, target);
    var patch = new JsonPatch();
    if (enabled ? inPlace : index < 0) {
      return patch;
    }
    if (index >= 0) {
      String path = "/spec/http/" + index;
      patch.test(path + "/name", HEADER_ROUTE).remove(path);
    }
    if (enabled) {
      patch.add("/spec/http/0", route(target));
    }
    return patch;
  }

  private static JsonObject route(RouteTarget target) {
    var exact = new JsonObject();
    exact.addProperty("exact", target.darkCanaryValue());
    var headers = new JsonObject();
    headers.add(target.darkCanaryHeader(), exact);
    var match = new JsonObject();
    match.add("headers", headers);
    var matches = new JsonArray();
    matches.add(match);
    var destination = new JsonObject();
    destination.addProperty("host", target.service());
    destination.addProperty("subset", DestinationRuleSubsets.CANARY);
    var entry = new JsonObject();
    entry.add("destination", destination);
    var routes = new JsonArray();
    routes.add(entry);
    var route = new JsonObject();
    route.addProperty("name", HEADER_ROUTE);
    route.add("match", matches);
    route.add("route", routes);
    return route;
  }
}
