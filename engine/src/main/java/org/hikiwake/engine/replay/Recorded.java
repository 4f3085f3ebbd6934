package org.hikiwake.engine.replay;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import org.hikiwake.engine.game.Event;

/**
 * One event as a game's recording holds it.
 *
 * @param seq sequence number in the recording, from 1, without gaps
 * @param at when the host received the move that caused it
 * @param actor the role that acted, or empty for the host's own moves (time-outs, restarts)
 */
public record Recorded(long seq, Instant at, String actor, Event event) {
  public Recorded {
    checkArgument(seq >= 1, "seq must be >= 1 but was %s", seq);
    checkNotNull(at, "at");
    checkNotNull(actor, "actor");
    checkNotNull(event, "event");
  }
}
