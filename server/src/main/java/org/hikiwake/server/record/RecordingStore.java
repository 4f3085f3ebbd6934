package org.hikiwake.server.record;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where games are recorded, written with group commit. */
public interface RecordingStore extends AutoCloseable {
  /**
   * Creates a game's recording and makes its header durable. Never blocks:
   * the work runs on the writer's thread.
   */
  CompletableFuture<GameLog> create(GameHeader header);

  /**
   * Finds every recorded game, repairs torn tails (with a warning in the log)
   * and returns each one replayed: finished, unfinished or damaged. Called
   * once at start-up, before serving. A recording that cannot be replayed at
   * all (no readable header, an invalid scenario) is logged and left out.
   */
  List<RecoveredGame> recover() throws IOException;

  /** Creates a class's record and makes its header durable. Never blocks. */
  CompletableFuture<ClassLog> createClass(ClassHeader header);

  /** Finds every recorded class, once at start-up, like {@link #recover}. */
  List<RecoveredClass> recoverClasses() throws IOException;

  /**
   * The bytes of a game's self-contained recording, read off the caller's
   * thread; fails with {@code NoSuchFileException} if there is none.
   */
  CompletableFuture<byte[]> read(String gameCode);

  /** Flushes what is queued, then stops the writer. */
  @Override
  void close();
}
