package io.theseus.cli;

class LatencyRegressionDemoIT extends RollbackScenarioCheck {

  @Override
  String scenario() {
    return "latency-regression";
  }

  @Override
  int regressesFrom() {
    return 25;
  }

  @Override
  String[] caughtBy() {
    return new String[] {"latency"};
  }
}
