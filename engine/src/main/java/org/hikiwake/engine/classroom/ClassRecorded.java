package org.hikiwake.engine.classroom;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;

/**
 * One event as a class's record holds it.
 *
 * @param seq sequence number, from 1, without gaps
 * @param actor who did it: "instructor", a student's name, or empty for the host
 */
public record ClassRecorded(long seq, Instant at, String actor, ClassEvent event) {
  public ClassRecorded {
    checkArgument(seq >= 1, "seq must be >= 1 but was %s", seq);
    checkNotNull(at, "at");
    checkNotNull(actor, "actor");
    checkNotNull(event, "event");
  }
}
