package org.hikiwake.server.record;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
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

  /**
   * One page of the stored games, from durable events only, read off the
   * caller's thread. A store that keeps no index (the no-op store) lists nothing.
   */
  default CompletableFuture<GamePage> listGames(GameQuery query) {
    return CompletableFuture.completedFuture(GamePage.empty());
  }

  /**
   * A stored game that is not being played (finished or damaged), replayed
   * for a late watcher or a listing of its seats, read off the caller's
   * thread; empty if there is none. Its {@code log} is always empty.
   */
  default CompletableFuture<Optional<RecoveredGame>> load(String gameCode) {
    return CompletableFuture.completedFuture(Optional.empty());
  }

  /**
   * A secret kept with the data, from which seat tokens of idempotent joins
   * are derived, so a retried join gets its original token even after a
   * restart. A store that keeps nothing gives a secret of its own run.
   */
  default byte[] tokenSecret() {
    return ProcessSecret.BYTES.clone();
  }

  /** Flushes what is queued, then stops the writer. */
  @Override
  void close();
}
