package org.hikiwake.server.room;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.server.record.GameHeader;
import org.hikiwake.server.record.GameLog;
import org.hikiwake.server.record.RecordingStore;
import org.hikiwake.server.record.RecoveredGame;

/**
 * A store for room tests whose appends become durable only when the test
 * says so ({@link #completeAll}, {@link #failNext}), to see what a room shows
 * before and after its events are durable.
 */
final class HeldStore implements RecordingStore {
  final List<Recorded> durable = new ArrayList<>();
  private final List<Pending> pending = new ArrayList<>();
  boolean hold;

  private record Pending(List<Recorded> events, CompletableFuture<Void> future) {}

  @Override
  public CompletableFuture<GameLog> create(GameHeader header) {
    return CompletableFuture.completedFuture(new GameLog() {
      @Override
      public CompletableFuture<Void> append(List<Recorded> events) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        pending.add(new Pending(List.copyOf(events), f));
        if (!hold) {
          completeAll();
        }
        return f;
      }

      @Override
      public CompletableFuture<Void> close() {
        return CompletableFuture.completedFuture(null);
      }
    });
  }

  /** Makes every pending append durable, in order. */
  void completeAll() {
    List<Pending> now = List.copyOf(pending);
    pending.clear();
    for (Pending p : now) {
      durable.addAll(p.events());
      p.future().complete(null);
    }
  }

  /** Fails the oldest pending append. */
  void failNext(Exception why) {
    pending.remove(0).future().completeExceptionally(why);
  }

  int pendingCount() {
    return pending.size();
  }

  @Override
  public CompletableFuture<org.hikiwake.server.record.ClassLog> createClass(
      org.hikiwake.server.record.ClassHeader header) {
    return org.hikiwake.server.record.NoopRecordingStore.noop().createClass(header);
  }

  @Override
  public List<org.hikiwake.server.record.RecoveredClass> recoverClasses() {
    return List.of();
  }

  @Override
  public List<RecoveredGame> recover() {
    return List.of();
  }

  @Override
  public CompletableFuture<byte[]> read(String gameCode) {
    return CompletableFuture.failedFuture(new java.nio.file.NoSuchFileException(gameCode));
  }

  @Override
  public void close() {}
}
