package org.hikiwake.cli.play;

import java.time.Duration;
import java.time.Instant;

/**
 * The server's time as this client estimates it, so that a countdown shows
 * the server's deadline even when the two machines' clocks disagree: each
 * event pushed live carries the server's time of the event, and the smallest
 * gap between that and its arrival here is the best estimate of the offset
 * (network delay only ever adds to it). A new server process (after a
 * restart) may run on another clock, so re-attaching starts afresh.
 */
final class ServerClock {
  private Duration offset;

  /** An event the server stamped {@code at} arrived here at local time {@code received}. */
  synchronized void sample(Instant at, Instant received) {
    Duration gap = Duration.between(at, received);
    if (offset == null || gap.compareTo(offset) < 0) {
      offset = gap;
    }
  }

  /** Forgets the offset (a new connection, perhaps to a new server process). */
  synchronized void reset() {
    offset = null;
  }

  /** The server's time now, given the local time; the local time until there is a sample. */
  synchronized Instant now(Instant local) {
    return offset == null ? local : local.minus(offset);
  }
}
