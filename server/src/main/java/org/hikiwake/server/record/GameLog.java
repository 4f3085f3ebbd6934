package org.hikiwake.server.record;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hikiwake.engine.replay.Recorded;

/** The recording of one game, open for appending. */
public interface GameLog {
  /**
   * Queues events to be appended in order; they must be numbered on from the
   * last one appended. Never blocks. The future completes once they are
   * durable (written and fsynced), or fails if they could not be; completion
   * runs on the writer's thread, so callers hop to their own.
   */
  CompletableFuture<Void> append(List<Recorded> events);

  /**
   * Like {@link #append(List)}, and keeps the client's idempotency key in the
   * same transaction as the events, so that a retry of the request finds
   * them. A store that keeps no keys appends the events only.
   */
  default CompletableFuture<Void> append(List<Recorded> events, Optional<RequestKey> key) {
    return append(events);
  }

  /**
   * Closes the recording once every queued append is durable. A finished
   * recording is never written again.
   */
  CompletableFuture<Void> close();
}
