package org.hikiwake.engine.view;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;

/**
 * A recorded event as one viewer sees it, with its place in the game's
 * recording and when it happened.
 *
 * @param seq the event's sequence number in the game's recording, from 1
 * @param at when the move that caused it was made
 */
public record Sighting(long seq, Instant at, Seen seen) {
  public Sighting {
    checkArgument(seq >= 1, "seq must be >= 1 but was %s", seq);
    checkNotNull(at, "at");
    checkNotNull(seen, "seen");
  }
}
