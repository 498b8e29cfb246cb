package io.theseus.playground;

import io.theseus.routing.RouteState;
import io.theseus.routing.RouteWeights;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The routes a mesh proxy applies to one service, in Istio VirtualService order: the optional
 * dark-canary header route first (a match sends the request to the canary whatever the weights),
 * then the weighted default route.
 *
 * @param canaryHeader the header route to the canary, if present
 * @param weights the weighted default route
 */
public record VirtualRoutes(Optional<HeaderMatch> canaryHeader, RouteWeights weights) {

  /** All traffic to stable, no header route. */
  public static final VirtualRoutes ALL_STABLE =
      new VirtualRoutes(Optional.empty(), RouteWeights.ALL_STABLE);

  public VirtualRoutes {
    Objects.requireNonNull(canaryHeader, "routes.canaryHeader");
    Objects.requireNonNull(weights, "routes.weights");
  }

  /**
   * Whether a request goes to the canary.
   *
   * @param headers the request's header values by (case-insensitive) name
   * @param uniform a uniform random number in [0, 1), the weighted pick's draw
   */
  public boolean toCanary(UnaryOperator<String> headers, double uniform) {
    boolean headerMatches =
        canaryHeader.map(m -> m.value().equals(headers.apply(m.name()))).orElse(false);
    // Envoy's weighted clusters: a draw in [0, total) picks the cluster whose range holds it.
    return headerMatches || uniform * 100 < weights.canary();
  }

  /** These routes with the header route set or removed. */
  public VirtualRoutes withCanaryHeader(Optional<HeaderMatch> match) {
    return new VirtualRoutes(match, weights);
  }

  /** These routes with other weights. */
  public VirtualRoutes withWeights(RouteWeights newWeights) {
    return new VirtualRoutes(canaryHeader, newWeights);
  }

  /** The routing as the {@link io.theseus.routing.TrafficRouter} port reports it. */
  public RouteState state() {
    return new RouteState(weights, canaryHeader.isPresent());
  }
}
