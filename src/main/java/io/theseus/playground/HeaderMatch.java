package io.theseus.playground;

import java.util.Objects;

/**
 * An exact header match, as in an Istio VirtualService {@code match: [{headers: {name: {exact:
 * value}}}]}: the header name is case-insensitive (HTTP), the value is compared exactly.
 *
 * @param name header name
 * @param value the value that matches
 */
public record HeaderMatch(String name, String value) {

  public HeaderMatch {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("headerMatch.name: must not be blank");
    }
    Objects.requireNonNull(value, "headerMatch.value");
  }
}
