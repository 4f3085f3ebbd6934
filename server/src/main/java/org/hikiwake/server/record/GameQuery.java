package org.hikiwake.server.record;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Optional;
import org.hikiwake.engine.game.Phase;

/**
 * One page of a game listing: newest first, optionally only games in one
 * phase or of one class, starting after a given game.
 *
 * @param phase only games in this phase; empty for all
 * @param classCode only games of this class; empty for all
 * @param after start after this position (the last game of the previous page); empty for the first page
 * @param limit how many games at most
 */
public record GameQuery(Optional<Phase> phase, Optional<String> classCode,
    Optional<Position> after, int limit) {
  /** The most games one page holds, whatever a client asks for. */
  public static final int MAX_LIMIT = 100;
  /** The page size when a client asks for none (old clients). */
  public static final int DEFAULT_LIMIT = 50;

  public GameQuery {
    checkNotNull(phase, "phase");
    checkNotNull(classCode, "classCode");
    checkNotNull(after, "after");
    checkArgument(limit >= 1 && limit <= MAX_LIMIT, "limit must be in [1, %s] but was %s",
        MAX_LIMIT, limit);
  }

  /** The first page of every game, of the default size. */
  public static GameQuery firstPage() {
    return new GameQuery(Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_LIMIT);
  }

  /**
   * Where a game sits in the listing order: newest first, then by code.
   */
  public record Position(Instant createdAt, String gameCode) implements Comparable<Position> {
    public Position {
      checkNotNull(createdAt, "createdAt");
      checkNotNull(gameCode, "gameCode");
    }

    /** Listing order: a game that comes earlier in the listing is smaller. */
    @Override
    public int compareTo(Position o) {
      int c = o.createdAt.compareTo(createdAt);
      return c != 0 ? c : gameCode.compareTo(o.gameCode);
    }
  }

  /** True if a game at this position belongs on this page (before the limit is applied). */
  public boolean admits(Position p, Phase gamePhase, Optional<String> gameClass) {
    return phase.map(x -> x == gamePhase).orElse(true)
        && classCode.map(c -> gameClass.map(c::equals).orElse(false)).orElse(true)
        && after.map(a -> p.compareTo(a) > 0).orElse(true);
  }
}
