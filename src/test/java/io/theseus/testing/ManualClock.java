package io.theseus.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock standing at 2026-01-01T10:00Z until the test moves it, so TTLs, ages, deadlines and
 * windows are exact.
 */
public final class ManualClock extends Clock {

  private volatile Instant now = Instant.parse("2026-01-01T10:00:00Z");

  /** Moves the clock forward. */
  public void advance(Duration by) {
    now = now.plus(by);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
