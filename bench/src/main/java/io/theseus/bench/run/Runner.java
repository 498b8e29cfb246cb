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
  public RunResult run(Judge judge, Scenario scenario, long seed) {
    Simulator simulator = new Simulator(model, scenario, seed);
    Rollout rollout = judge.start().apply(seed);
    long served = 0;
    for (int minute = 1; minute <= rollout.maxTicks(); minute++) {
      TickData tick = simulator.tick(minute, rollout.weight());
      served += tick.canaryServed();
      Rollout.Action action = rollout.observe(tick);
      if (action != Rollout.Action.CONTINUE) {
        return new RunResult(action, minute, served);
      }
    }
    return new RunResult(Rollout.Action.CONTINUE, rollout.maxTicks(), served);
  }
}
