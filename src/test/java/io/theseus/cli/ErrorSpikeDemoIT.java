package io.theseus.cli;

class ErrorSpikeDemoIT extends RollbackScenarioCheck {

  @Override
  String scenario() {
    return "error-spike";
  }

  @Override
  int regressesFrom() {
    return 5;
  }

  @Override
  String[] caughtBy() {
    // The smoke probe at each step may meet one of the canary's 5% of 500s before the judge does.
    return new String[] {"error-rate", "answered 500"};
  }
}
