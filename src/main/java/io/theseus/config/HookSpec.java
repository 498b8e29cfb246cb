package io.theseus.config;

import java.time.Duration;
import java.util.List;

/** A check run at a rollout stage; a failed smoke hook rolls back. */
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
   */
  record HttpProbe(
      String name,
      HookStage stage,
      Duration timeout,
      String path,
      int requests,
      int expectStatus,
      Duration maxLatency)
      implements HookSpec {}

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
