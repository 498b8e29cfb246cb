package io.theseus.api;

import java.util.List;

/**
 * Whoever presented valid credentials to the API.
 *
 * @param name who, as recorded with an override (a user name, a service account, {@code
 *     static-token})
 * @param groups the groups the credentials carry (in cluster, from the TokenReview); may be empty
 */
public record Caller(String name, List<String> groups) {

  public Caller {
    groups = List.copyOf(groups);
  }

  /** A caller without groups. */
  public Caller(String name) {
    this(name, List.of());
  }
}
