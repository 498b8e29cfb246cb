package io.theseus.analysis;

/**
 * One metric's samples for both versions over the same tick window.
 *
 * @param stable the stable (baseline) version's sample
 * @param canary the canary's sample, of the same kind as {@code stable}
 */
public record MetricEvidence(Sample stable, Sample canary) {

  public MetricEvidence {
    if (stable.getClass() != canary.getClass()) {
      throw new IllegalArgumentException(
          "stable and canary samples must be of one kind, got "
              + stable.getClass().getSimpleName()
              + " and "
              + canary.getClass().getSimpleName());
    }
  }

  /** The sample of the given version. */
  public Sample of(Version version) {
    return version == Version.STABLE ? stable : canary;
  }
}
