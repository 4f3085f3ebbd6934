package org.hikiwake.server.record;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hikiwake.proto.recording.RecordingEntry;

/** The recording of one game, open for appending. */
public interface GameLog {
  /**
   * Queues records to be appended in order. Never blocks. The future completes
   * once they are durable (written and fsynced), or fails if they could not
   * be; completion runs on the writer's thread, so callers hop to their own.
   */
  CompletableFuture<Void> append(List<RecordingEntry> records);

  /**
   * Closes the recording once every queued append is durable. A finished
   * recording is never written again.
   */
  CompletableFuture<Void> close();
}
