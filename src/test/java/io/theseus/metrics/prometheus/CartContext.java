package io.theseus.metrics.prometheus;

import io.theseus.analysis.Version;
import io.theseus.metrics.QueryContext;
import java.time.Duration;
import java.util.Map;

/** The rollout the Prometheus tests query about: shop/cart, cart-v1 (v1) against cart-v2 (v2). */
final class CartContext {

  /** Its query context with a 30 s rate window. */
  static final QueryContext CART =
      new QueryContext(
          "shop",
          "cart",
          Map.of(Version.STABLE, "cart-v1", Version.CANARY, "cart-v2"),
          Map.of(Version.STABLE, "v1", Version.CANARY, "v2"),
          Duration.ofSeconds(30));

  private CartContext() {}
}
