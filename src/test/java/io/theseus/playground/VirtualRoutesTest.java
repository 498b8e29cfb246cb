package io.theseus.playground;

import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.routing.RouteState;
import io.theseus.routing.RouteWeights;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VirtualRoutesTest {

  private static final int DRAWS = 20_000;
  private static final HeaderMatch DARK = new HeaderMatch("x-theseus-canary", "shop");
  private static final UnaryOperator<String> NO_HEADERS = name -> null;

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 25, 50, 99})
  void splitsOrdinaryTrafficByWeightWithinFourBinomialSigmas(int canaryWeight) {
    var routes = VirtualRoutes.ALL_STABLE.withWeights(RouteWeights.canary(canaryWeight));
    var random = new SplittableRandom(7);
    int toCanary = 0;
    for (int i = 0; i < DRAWS; i++) {
      toCanary += routes.toCanary(NO_HEADERS, random.nextDouble()) ? 1 : 0;
    }
    double p = canaryWeight / 100.0;
    double sigma = Math.sqrt(DRAWS * p * (1 - p));
    assertThat((double) toCanary).isBetween(DRAWS * p - 4 * sigma, DRAWS * p + 4 * sigma);
  }

  @Test
  void neverSendsToTheCanaryAtWeightZeroAndAlwaysAtHundred() {
    var none = VirtualRoutes.ALL_STABLE;
    var all = none.withWeights(RouteWeights.canary(100));
    var random = new SplittableRandom(11);
    for (int i = 0; i < DRAWS; i++) {
      double draw = random.nextDouble();
      assertThat(none.toCanary(NO_HEADERS, draw)).isFalse();
      assertThat(all.toCanary(NO_HEADERS, draw)).isTrue();
    }
    assertThat(none.toCanary(NO_HEADERS, Math.nextDown(1.0))).isFalse();
    assertThat(all.toCanary(NO_HEADERS, 0.0)).isTrue();
  }

  @Test
  void sendsEveryRequestCarryingTheDarkCanaryHeaderToTheCanaryWhateverTheWeights() {
    var routes = VirtualRoutes.ALL_STABLE.withCanaryHeader(Optional.of(DARK));
    UnaryOperator<String> carrying = Map.of("x-theseus-canary", "shop")::get;
    var random = new SplittableRandom(3);
    for (int i = 0; i < DRAWS; i++) {
      assertThat(routes.toCanary(carrying, random.nextDouble())).isTrue();
    }
  }

  @Test
  void matchesTheHeaderValueExactlyAndOnlyWhileTheHeaderRouteIsPresent() {
    var withRoute = VirtualRoutes.ALL_STABLE.withCanaryHeader(Optional.of(DARK));
    UnaryOperator<String> otherValue = Map.of("x-theseus-canary", "Shop")::get;
    UnaryOperator<String> carrying = Map.of("x-theseus-canary", "shop")::get;

    assertThat(withRoute.toCanary(otherValue, 0.0)).isFalse();
    assertThat(withRoute.toCanary(NO_HEADERS, 0.0)).isFalse();
    assertThat(withRoute.withCanaryHeader(Optional.empty()).toCanary(carrying, 0.0)).isFalse();
  }

  @Test
  void reportsItsStateAsTheRouterPortDoes() {
    var routes =
        VirtualRoutes.ALL_STABLE
            .withCanaryHeader(Optional.of(DARK))
            .withWeights(RouteWeights.canary(25));

    assertThat(routes.state()).isEqualTo(new RouteState(new RouteWeights(75, 25), true));
    assertThat(VirtualRoutes.ALL_STABLE.state())
        .isEqualTo(new RouteState(RouteWeights.ALL_STABLE, false));
  }
}
