package io.theseus.playground;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Assertions as a step of a Future chain: {@code future.map(verified(v -> assertThat(...)))}. A
 * failed assertion fails the chain (and so the test), which an {@code onSuccess} handler would not:
 * Vert.x reports exceptions thrown there to the context, not to the Future.
 */
public final class Verified {

  private Verified() {}

  /** A mapping that runs the assertions on the value and passes it on unchanged. */
  public static <T> Function<T, T> verified(Consumer<T> assertions) {
    return value -> {
      assertions.accept(value);
      return value;
    };
  }
}
