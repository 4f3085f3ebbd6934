package org.hikiwake.server.room;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.collect.ImmutableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.List;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.analysis.Debrief;
import org.hikiwake.engine.classroom.GameReport;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.engine.replay.Replay;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.view.Reveal;

/**
 * Works out what the end of a game reveals (its debrief enumerates the whole
 * package space) on its own threads, never a room's, and shares one analysis
 * among the games that end under the same points: a class whose games all
 * saw the same news analyses the package space once.
 */
public final class Revealer {
  private record Key(Scenario scenario, ImmutableMap<String, PointsTable> points) {}

  private final Executor executor;
  private final Cache<Key, Analysis> analyses = CacheBuilder.newBuilder().maximumSize(64).build();

  /** @param executor where analyses run: not an event loop */
  public Revealer(Executor executor) {
    this.executor = executor;
  }

  /** The reveal of an ended game; completes on this revealer's executor. */
  public CompletableFuture<Reveal> reveal(GameState ended) {
    try {
      return CompletableFuture.supplyAsync(() -> analyse(ended), executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** A game's debrief row from its durable history, worked out on this revealer's executor. */
  public CompletableFuture<GameReport> report(String gameCode, GameState initial,
      List<Recorded> history) {
    try {
      return CompletableFuture.supplyAsync(() -> {
        Replay replay = Replay.of(initial, history);
        GameState last = replay.last();
        Analysis analysis = analysis(last);
        return GameReport.of(gameCode, replay,
            Debrief.of(analysis, last.result().flatMap(r -> r.agreed())));
      }, executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private Analysis analysis(GameState state) {
    try {
      return analyses.get(new Key(state.scenario(), state.pointsInForce()),
          () -> Analysis.of(state.scenario(), state.pointsInForce()));
    } catch (ExecutionException e) {
      throw new IllegalStateException("analysing the game failed", e.getCause());
    }
  }

  private Reveal analyse(GameState ended) {
    return Reveal.of(ended, analysis(ended));
  }
}
