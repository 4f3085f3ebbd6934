package org.hikiwake.server.record;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hikiwake.engine.replay.Recorded;

/** A store that keeps nothing: every future completes at once. For benchmarks and tests. */
public final class NoopRecordingStore implements RecordingStore {
  private static final GameLog LOG = new GameLog() {
    @Override
    public CompletableFuture<Void> append(List<Recorded> events) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> close() {
      return CompletableFuture.completedFuture(null);
    }
  };

  private NoopRecordingStore() {}

  /** A store that records nothing and finds nothing to recover. */
  public static RecordingStore noop() {
    return new NoopRecordingStore();
  }

  @Override
  public CompletableFuture<GameLog> create(GameHeader header) {
    return CompletableFuture.completedFuture(LOG);
  }

  @Override
  public CompletableFuture<byte[]> read(String gameCode) {
    return CompletableFuture.failedFuture(new java.nio.file.NoSuchFileException(
        gameCode + " (this server does not record games)"));
  }

  private static final ClassLog CLASS_LOG = new ClassLog() {
    @Override
    public CompletableFuture<Void> append(List<org.hikiwake.engine.classroom.ClassRecorded> events) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> close() {
      return CompletableFuture.completedFuture(null);
    }
  };

  @Override
  public CompletableFuture<ClassLog> createClass(ClassHeader header) {
    return CompletableFuture.completedFuture(CLASS_LOG);
  }

  @Override
  public List<RecoveredClass> recoverClasses() {
    return List.of();
  }

  @Override
  public List<RecoveredGame> recover() {
    return List.of();
  }

  @Override
  public void close() {}
}
