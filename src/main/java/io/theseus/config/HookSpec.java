package io.theseus.config;

import java.time.Duration;
import java.util.List;

/**
 * A check run at a rollout stage; a failed hook rolls back. A performance-stage HTTP probe also
 * yields figures (its p95 latency) that later steps compare with the first step's, within {@link
 * HttpProbe#tolerance()}.
 */
public sealed interface HookSpec {

  /** Unique name within the config. */
  String name();

  /** When the hook runs. */
  HookStage stage();

  /** Bound on one attempt of the hook. */
  Duration timeout();

  /**
   * Built-in HTTP probe: {@code requests} GETs of {@code path} on the service carrying the
   * dark-canary header, each expected to answer {@code expectStatus} within {@code maxLatency}.
   * With {@code stage: performance} its p95 latency in milliseconds must also stay within {@code
   * tolerance} of the p95 captured at the first step; smoke probes ignore {@code tolerance}.
   */
  record HttpProbe(
      String name,
      HookStage stage,
      Duration timeout,
      String path,
      int requests,
      int expectStatus,
      Duration maxLatency,
      Tolerance tolerance)
      implements HookSpec {

    /**
     * 50% worse, but at least 25 ms: a p95 over a few sequential requests is noisy, and on a fast
     * service a few ms of scheduling jitter would otherwise fail the comparison; the metric judge
     * catches finer regressions with statistics, this catches gross ones early.
     */
    public static final Tolerance DEFAULT_TOLERANCE = new Tolerance(0.5, 25.0);
  }

  /**
   * POSTs JSON (rollout, phase, weight) to {@code url}; any 2xx passes. Retried {@code retries}
   * times with backoff.
   */
  record Webhook(String name, HookStage stage, Duration timeout, String url, int retries)
      implements HookSpec {}

  /** Runs a local command (playground, local runs only); exit code 0 passes. */
  record Command(String name, HookStage stage, Duration timeout, List<String> command)
      implements HookSpec {
    public Command {
      command = List.copyOf(command);
    }
  }
}
