package io.theseus.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.theseus.bench.sim.TrafficModel;
import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void withoutPodSigmaTheWorkloadIsTheStandardModel() {
    assertThat(Options.parse(new String[0]).model()).isEqualTo(TrafficModel.standard());
  }

  @Test
  void podSigmaChangesOnlyThePerPodSpread() {
    TrafficModel model = Options.parse(new String[] {"--pod-sigma", "0.03"}).model();

    assertThat(model.podSigma()).isEqualTo(0.03);
    assertThat(model.withPodSigma(TrafficModel.standard().podSigma()))
        .isEqualTo(TrafficModel.standard());
  }

  @Test
  void aPodSigmaOutsideZeroToOneIsRejectedByName() {
    assertThatThrownBy(() -> Options.parse(new String[] {"--pod-sigma", "-0.1"}))
        .hasMessage("--pod-sigma must be a number from 0 to 1, got -0.1");
    assertThatThrownBy(() -> Options.parse(new String[] {"--pod-sigma", "x"}))
        .hasMessage("--pod-sigma must be a number from 0 to 1, got x");
  }
}
