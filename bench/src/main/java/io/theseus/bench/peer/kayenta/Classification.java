package io.theseus.bench.peer.kayenta;

/** A metric's classification by Kayenta's NetflixACAJudge (stats.md section 1.4). */
public enum Classification {
  PASS,
  HIGH,
  LOW,
  /** Either side empty after NaN removal; excluded from the group score. */
  NODATA,
  /** The test could not run (all observations tied); excluded from the group score. */
  ERROR
}
