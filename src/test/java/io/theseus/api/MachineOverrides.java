package io.theseus.api;

import io.theseus.controller.Overrides;
import io.theseus.controller.RolloutQueries;
import io.theseus.controller.RolloutView;
import io.theseus.controller.UnknownRolloutException;
import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.OverrideOutcome;
import io.theseus.rollout.OverrideRequest;
import io.theseus.rollout.RolloutStateMachine;
import io.theseus.rollout.RolloutStatus;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One rollout held in memory behind the real rollout machine: what the API sees of an engine,
 * without routes or metrics. Overrides go through {@link RolloutStateMachine#override}.
 */
public final class MachineOverrides implements Overrides, RolloutQueries {

  private static final Instant NOW = Instant.parse("2026-01-01T10:05:00Z");

  private volatile RolloutView view;

  public MachineOverrides(RolloutView view) {
    this.view = view;
  }

  public RolloutStatus status() {
    return view.status();
  }

  @Override
  public Future<OverrideOutcome> override(CanaryRef ref, OverrideRequest request) {
    if (!view.spec().ref().equals(ref)) {
      return Future.failedFuture(new UnknownRolloutException(ref));
    }
    RolloutStateMachine machine = new RolloutStateMachine(view.spec());
    OverrideOutcome outcome = machine.override(view.status(), request, NOW);
    if (outcome instanceof OverrideOutcome.Applied applied) {
      view = new RolloutView(view.spec(), applied.status(), NOW, null, Duration.ZERO);
    }
    return Future.succeededFuture(outcome);
  }

  @Override
  public List<RolloutView> rollouts() {
    return List.of(view);
  }

  @Override
  public Optional<RolloutView> rollout(CanaryRef ref) {
    return Optional.of(view).filter(v -> v.spec().ref().equals(ref));
  }
}
