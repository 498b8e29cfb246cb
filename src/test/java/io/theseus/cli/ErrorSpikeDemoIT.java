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
  String caughtBy() {
    return "error-rate";
  }
}
