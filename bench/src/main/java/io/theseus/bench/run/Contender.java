package io.theseus.bench.run;

import java.util.function.LongFunction;

/**
 * A named judge configuration that starts a fresh {@link Rollout} per seed.
 *
 * @param name how the report names it
 * @param start creates the rollout for a seed (seeds feed any randomness the judge itself uses)
 */
public record Contender(String name, LongFunction<Rollout> start) {}
