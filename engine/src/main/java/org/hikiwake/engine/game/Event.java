package org.hikiwake.engine.game;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.hash.HashCode;
import java.time.Instant;
import java.util.Optional;
import org.hikiwake.engine.scenario.Package;

/**
 * Something that happened in a game, in the past tense. The state of a game is
 * the fold of {@link Rules#apply} over its events, so events carry every value
 * needed to rebuild it, including times and deadlines decided by the rules.
 */
public sealed interface Event {

  /**
   * A seat was taken.
   *
   * @param bot the bot's level if a bot took it
   * @param tokenHash SHA-256 of the seat token; the token itself is never kept
   */
  record SeatTaken(String role, String displayName, Optional<String> bot, HashCode tokenHash)
      implements Event {
    public SeatTaken {
      checkNotNull(role, "role");
      checkNotNull(displayName, "displayName");
      checkNotNull(bot, "bot");
      checkNotNull(tokenHash, "tokenHash");
    }
  }

  /**
   * The instructor freed a seat (its holder lost the token or changed
   * laptops); the next player to take it gets it with a new token.
   */
  record SeatReleased(String role) implements Event {
    public SeatReleased {
      checkNotNull(role, "role");
    }
  }

  /** The instructor made a text-only announcement to the game. */
  record Announced(String text) implements Event {
    public Announced {
      checkNotNull(text, "text");
    }
  }

  /** The instructor paused the game: its clock stops and turn moves wait. */
  record Paused(Instant at) implements Event {
    public Paused {
      checkNotNull(at, "at");
    }
  }

  /**
   * The instructor resumed the game.
   *
   * @param deadline the current turn's deadline, moved on by the time paused (timed games)
   */
  record Resumed(Instant at, Optional<Instant> deadline) implements Event {
    public Resumed {
      checkNotNull(at, "at");
      checkNotNull(deadline, "deadline");
    }
  }

  /** The instructor extended the game; {@code rounds} is its new number of rounds. */
  record RoundsExtended(int rounds) implements Event {
    public RoundsExtended {
      checkArgument(rounds >= 1, "rounds must be >= 1 but was %s", rounds);
    }
  }

  /** The game began. A {@link TurnChanged} for the first turn follows. */
  record GameStarted(Instant at) implements Event {
    public GameStarted {
      checkNotNull(at, "at");
    }
  }

  /** A role put a complete package on the table. */
  record OfferMade(String role, Package pkg) implements Event {
    public OfferMade {
      checkNotNull(role, "role");
      checkNotNull(pkg, "pkg");
    }
  }

  /** A role said something. */
  record ChatPosted(String role, String text) implements Event {
    public ChatPosted {
      checkNotNull(role, "role");
      checkNotNull(text, "text");
    }
  }

  /** The side to move let its turn run out; the offer on the table stays. */
  record TurnTimedOut(String role) implements Event {
    public TurnTimedOut {
      checkNotNull(role, "role");
    }
  }

  /**
   * A new turn began.
   *
   * @param turn turn number, counted from 0 over the whole game
   * @param round round number, from 1
   * @param role the side to move
   * @param deadline when the turn times out, for timed games
   */
  record TurnChanged(int turn, int round, String role, Optional<Instant> deadline)
      implements Event {
    public TurnChanged {
      checkArgument(turn >= 0, "turn must be >= 0 but was %s", turn);
      checkArgument(round >= 1, "round must be >= 1 but was %s", round);
      checkNotNull(role, "role");
      checkNotNull(deadline, "deadline");
    }
  }

  /** The current turn's deadline was moved (a fresh limit after a restart). */
  record ClockRestarted(Instant deadline) implements Event {
    public ClockRestarted {
      checkNotNull(deadline, "deadline");
    }
  }

  /** A scheduled news item arrived; its point changes are now in force. */
  record NewsArrived(String newsId) implements Event {
    public NewsArrived {
      checkNotNull(newsId, "newsId");
    }
  }

  /** The game ended; the result carries the outcome and both scores. */
  record GameEnded(Result result) implements Event {
    public GameEnded {
      checkNotNull(result, "result");
    }
  }
}
