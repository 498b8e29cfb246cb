package io.theseus.archfixture.analysis;

import io.prometheus.metrics.core.metrics.Counter;
import io.vertx.core.Vertx;
import org.apache.commons.math3.util.FastMath;

/** Breaks the pure-core rules on purpose: the architecture test must reject it. */
public final class ImpureJudge {
  Vertx vertx;
  Counter counter;

  double log(double x) {
    return FastMath.log(x);
  }
}
