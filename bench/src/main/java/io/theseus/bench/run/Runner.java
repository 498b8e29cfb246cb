package io.theseus.bench.run;

import io.theseus.bench.sim.Scenario;
import io.theseus.bench.sim.Simulator;
import io.theseus.bench.sim.TickData;
import io.theseus.bench.sim.TrafficModel;

/** Plays one judge through one scenario and seed, window by window. */
public final class Runner {

  private final TrafficModel model;

  /** A runner over the given workload. */
  public Runner(TrafficModel model) {
    this.model = model;
  }

  /** Runs until the judge ends the rollout or its schedule runs out. */
  public RunResult run(Contender judge, Scenario scenario, long seed) {
    Simulator simulator = new Simulator(model, scenario, seed);
    Rollout rollout = judge.start().apply(seed);
    long served = 0;
    int length = rollout.tickSeconds();
    for (int k = 1; k <= rollout.maxTicks(); k++) {
      TickData tick = simulator.tick(k * length, length, rollout.weight());
      served += tick.canaryServed();
      Rollout.Action action = rollout.observe(tick);
      if (action != Rollout.Action.CONTINUE) {
        return new RunResult(action, tick.minutes(), served, rollout.cause());
      }
    }
    double horizon = rollout.maxTicks() * length / 60.0;
    return new RunResult(Rollout.Action.CONTINUE, horizon, served, "");
  }
}
