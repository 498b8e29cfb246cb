package io.theseus.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

class BetaMixtureTest {

  @Test
  void reproducesSavviInhomogeneousPoissonStoppingPointAndPValue() throws IOException {
    List<String> events;
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                TestVectors.stream("savvi-ipp-arms.csv"), StandardCharsets.UTF_8))) {
      events = in.lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    BetaPrior prior = new BetaPrior(100 * 0.2, 100 * 0.8);
    long canary = 0;
    double maxLogE = Double.NEGATIVE_INFINITY;
    int stoppedAt = -1;
    double p = 1;
    for (int n = 1; n <= events.size() && stoppedAt < 0; n++) {
      canary += events.get(n - 1).equals("1") ? 1 : 0;
      maxLogE = Math.max(maxLogE, BetaMixture.logE(canary, n, 0.2, prior));
      p = Math.min(1, Math.exp(-maxLogE));
      if (p <= 0.05) {
        stoppedAt = n;
        assertThat(canary).isEqualTo(62);
      }
    }
    assertThat(stoppedAt).isEqualTo(210);
    assertThat(p).isCloseTo(0.045579631759, within(1e-11));
  }

  @Test
  void confidenceSequenceOfNoFailuresMatchesTheClosedForm() {
    // s = 0: logE(p) = lnB(a, b + n) - lnB(a, b) - n ln(1 - p), solved by hand for p.
    long n = 5000;
    double alpha = 0.001;
    double lnB = org.apache.commons.math3.special.Beta.logBeta(0.5, n + 0.5) - Math.log(Math.PI);
    double expected = 1 - Math.exp((lnB - Math.log(1 / alpha)) / n);
    Interval interval = BetaMixture.interval(0, n, alpha, BetaPrior.JEFFREYS);
    assertThat(interval.lower()).isZero();
    assertThat(interval.upper()).isCloseTo(expected, within(1e-9));
  }

  static java.util.stream.Stream<List<BetaPrior>> priors() {
    return java.util.stream.Stream.of(List.of(BetaPrior.JEFFREYS), BetaPrior.RATE_GRID);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("priors")
  void confidenceSequenceCoversTheTrueRateAtEveryLookInAtLeastOneMinusAlphaOfRuns(
      List<BetaPrior> prior) {
    double alpha = 0.05;
    double rate = 0.01;
    int runs = 400;
    int misses = 0;
    SplittableRandom random = new SplittableRandom(7);
    for (int run = 0; run < runs; run++) {
      long s = 0;
      long n = 0;
      boolean missed = false;
      for (int look = 0; look < 40 && !missed; look++) {
        for (int i = 0; i < 100; i++, n++) {
          s += random.nextDouble() < rate ? 1 : 0;
        }
        Interval ci = BetaMixture.interval(s, n, alpha, prior);
        missed = rate < ci.lower() || rate > ci.upper();
      }
      misses += missed ? 1 : 0;
    }
    // Binomial bound: with a true miss rate of at most alpha, more than this is < 0.1% likely.
    int bound = new BinomialDistribution(null, runs, alpha).inverseCumulativeProbability(0.999);
    assertThat(misses).isLessThanOrEqualTo(bound);
  }

  @Test
  void aPriorCentredWithALargerSmallerShapeKeepsItsMeanAndConcentrates() {
    BetaPrior diffuse = BetaPrior.centredOn(0.01);
    BetaPrior concentrated = BetaPrior.centredOn(0.01, 30);
    assertThat(diffuse.a()).isCloseTo(1, within(1e-12));
    assertThat(diffuse.b()).isCloseTo(99, within(1e-9));
    assertThat(concentrated.a()).isCloseTo(30, within(1e-12));
    assertThat(concentrated.b()).isCloseTo(2970, within(1e-9));
    // Beta(30, 2970): sd sqrt(ab / ((a+b)^2 (a+b+1))) = 0.00182, about 18% of the mean.
    double a = concentrated.a();
    double b = concentrated.b();
    double sd = Math.sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
    assertThat(sd / 0.01).isCloseTo(0.18, within(0.005));
  }

  @Test
  void oneSidedEValuesGrowOnlyOnTheirSide() {
    BetaPrior prior = BetaPrior.centredOn(0.5);
    assertThat(BetaMixture.logEAbove(80, 100, 0.5, prior)).isGreaterThan(Math.log(1000));
    assertThat(BetaMixture.logEAbove(20, 100, 0.5, prior)).isLessThan(0);
    assertThat(BetaMixture.logEBelow(20, 100, 0.5, prior)).isGreaterThan(Math.log(1000));
    assertThat(BetaMixture.logEBelow(80, 100, 0.5, prior)).isLessThan(0);
  }

  @Test
  void oneSidedEValueStaysBelowOneOverAlphaUnderItsCompositeNull() {
    // True rate 0.4 sits inside the null "rate <= 0.5": crossings must be rarer than alpha.
    SplittableRandom random = new SplittableRandom(11);
    BetaPrior prior = BetaPrior.centredOn(0.5);
    int runs = 300;
    int crossings = 0;
    for (int run = 0; run < runs; run++) {
      long s = 0;
      boolean crossed = false;
      for (int n = 1; n <= 300 && !crossed; n++) {
        s += random.nextDouble() < 0.5 ? 1 : 0;
        crossed = BetaMixture.logEAbove(s, n, 0.5, prior) >= Math.log(20);
      }
      crossings += crossed ? 1 : 0;
    }
    int bound = new BinomialDistribution(null, runs, 0.05).inverseCumulativeProbability(0.999);
    assertThat(crossings).isLessThanOrEqualTo(bound);
  }
}
