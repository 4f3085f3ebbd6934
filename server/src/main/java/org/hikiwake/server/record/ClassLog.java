package org.hikiwake.server.record;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hikiwake.engine.classroom.ClassRecorded;

/** The record of one class, open for appending, like a game's {@link GameLog}. */
public interface ClassLog {
  /**
   * Queues events to be appended in order, numbered on from the last one.
   * Never blocks; the future completes once they are durable.
   */
  CompletableFuture<Void> append(List<ClassRecorded> events);

  /** Closes the record once every queued append is durable. */
  CompletableFuture<Void> close();
}
