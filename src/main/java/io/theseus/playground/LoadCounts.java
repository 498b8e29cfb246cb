package io.theseus.playground;

/**
 * What a load generator has done so far.
 *
 * @param sent requests sent
 * @param ok requests answered with a 2xx
 * @param failed requests answered otherwise, timed out or refused
 * @param dropped requests not sent because {@link LoadSpec#maxInFlight()} were in flight
 */
public record LoadCounts(long sent, long ok, long failed, long dropped) {

  /** Requests sent and answered (or failed): {@code ok + failed}. */
  public long completed() {
    return ok + failed;
  }
}
