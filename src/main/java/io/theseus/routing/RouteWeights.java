package io.theseus.routing;

/**
 * The weighted default route of a service: percent of ordinary traffic to each version.
 *
 * @param stable percent to the stable version, 0-100
 * @param canary percent to the canary, 0-100; {@code stable + canary == 100}
 */
public record RouteWeights(int stable, int canary) {

  public RouteWeights {
    if (stable < 0 || canary < 0 || stable + canary != 100) {
      throw new IllegalArgumentException(
          "route weights must be >= 0 and sum to 100, got stable=" + stable + " canary=" + canary);
    }
  }

  /** All traffic on stable: the state before a rollout and after a rollback. */
  public static final RouteWeights ALL_STABLE = new RouteWeights(100, 0);

  /** Weights that send {@code canaryPercent} to the canary and the rest to stable. */
  public static RouteWeights canary(int canaryPercent) {
    return new RouteWeights(100 - canaryPercent, canaryPercent);
  }
}
