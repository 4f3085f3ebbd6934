package org.hikiwake.server.record;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hikiwake.proto.recording.RecordingHeader;

/** Where recordings live: one file per game in the data folder, written with group commit. */
public interface RecordingStore extends AutoCloseable {
  /**
   * Creates a game's recording and makes its header durable. Never blocks:
   * the work runs on the writer's thread.
   */
  CompletableFuture<GameLog> create(RecordingHeader header);

  /**
   * Scans the data folder, repairs torn tails (with a warning in the log) and
   * returns every recording found, finished, unfinished or damaged. Called
   * once at start-up, before serving.
   */
  List<RecoveredGame> recover() throws IOException;

  /**
   * The bytes of a game's recording as they are on disk now, read off the
   * caller's thread; fails with {@code NoSuchFileException} if there is none.
   */
  CompletableFuture<byte[]> read(String gameCode);

  /** Flushes what is queued, then stops the writer. */
  @Override
  void close();
}
