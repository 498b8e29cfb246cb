package io.theseus.controller;

import io.theseus.metrics.MetricQueryException;
import io.theseus.rollout.CanaryRef;
import io.theseus.routing.RouteUpdateException;
import io.theseus.store.RolloutStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies a failed tick once, for every rollout: what failed, logged as a WARN line starting
 * with the rollout. A failed tick changes nothing persisted, so the next tick simply retries.
 */
final class FailureHandler {

  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  /** Logs the failure and returns its one-line description for the rollout's view. */
  String handle(CanaryRef ref, Throwable failure) {
    String description = ref + ": " + action(failure) + " failed: " + cause(failure);
    LOG.warn(description);
    return description;
  }

  private static String action(Throwable failure) {
    if (failure instanceof RouteUpdateException) {
      return "route update";
    }
    if (failure instanceof RolloutStoreException) {
      return "status write";
    }
    if (failure instanceof MetricQueryException) {
      return "metrics query";
    }
    return "tick";
  }

  private static String cause(Throwable failure) {
    return failure.getMessage() == null ? failure.toString() : failure.getMessage();
  }
}
