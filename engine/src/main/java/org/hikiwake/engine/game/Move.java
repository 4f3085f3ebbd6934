package org.hikiwake.engine.game;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.hash.HashCode;
import java.time.Instant;
import java.util.Optional;
import org.hikiwake.engine.scenario.Package;

/**
 * A command to the rules, in the imperative. Every move carries the time it
 * was made, read by the host; the rules never read a clock.
 */
public sealed interface Move {
  /** When the host received the move. */
  Instant at();

  /**
   * A player (or a bot) takes a free seat. Taking the last free seat starts
   * the game.
   *
   * @param role the seat's role
   * @param displayName the name to show; see {@link Rules#MAX_NAME_CODE_POINTS}
   * @param bot the bot's level if a bot takes the seat
   * @param tokenHash SHA-256 of the secret token the host gives the player
   */
  record TakeSeat(String role, String displayName, Optional<String> bot, HashCode tokenHash,
      Instant at) implements Move {
    public TakeSeat {
      checkNotNull(role, "role");
      checkNotNull(displayName, "displayName");
      checkNotNull(bot, "bot");
      checkNotNull(tokenHash, "tokenHash");
      checkNotNull(at, "at");
    }
  }

  /** A role proposes a complete package, replacing the offer on the table. */
  record Propose(String role, Package pkg, Instant at) implements Move {
    public Propose {
      checkNotNull(role, "role");
      checkNotNull(pkg, "pkg");
      checkNotNull(at, "at");
    }
  }

  /** A role accepts the other side's offer on the table. */
  record Accept(String role, Instant at) implements Move {
    public Accept {
      checkNotNull(role, "role");
      checkNotNull(at, "at");
    }
  }

  /** A role walks away: no agreement. */
  record WalkAway(String role, Instant at) implements Move {
    public WalkAway {
      checkNotNull(role, "role");
      checkNotNull(at, "at");
    }
  }

  /** A role says something; this does not use a turn. */
  record Say(String role, String text, Instant at) implements Move {
    public Say {
      checkNotNull(role, "role");
      checkNotNull(text, "text");
      checkNotNull(at, "at");
    }
  }

  /** The host ends the current turn because its time limit passed. */
  record TimeOut(Instant at) implements Move {
    public TimeOut {
      checkNotNull(at, "at");
    }
  }

  /**
   * The host gives the side to move a fresh full turn limit, e.g. after the
   * server restarted, so time the server was down is not charged to anyone.
   */
  record RestartClock(Instant at) implements Move {
    public RestartClock {
      checkNotNull(at, "at");
    }
  }

  // ---- the instructor's controls (host moves) ----

  /** Brings a news item of the scenario now, ahead of its round (it then does not come again). */
  record ReleaseNews(String newsId, Instant at) implements Move {
    public ReleaseNews {
      checkNotNull(newsId, "newsId");
      checkNotNull(at, "at");
    }
  }

  /** A text-only announcement to both sides; no points change. */
  record Announce(String text, Instant at) implements Move {
    public Announce {
      checkNotNull(text, "text");
      checkNotNull(at, "at");
    }
  }

  /** Pauses the game: the clock stops and turn moves wait; chat goes on. */
  record Pause(Instant at) implements Move {
    public Pause {
      checkNotNull(at, "at");
    }
  }

  /** Resumes a paused game; the side to move keeps the time it had left. */
  record Resume(Instant at) implements Move {
    public Resume {
      checkNotNull(at, "at");
    }
  }

  /** Adds rounds to the game. */
  record Extend(int extraRounds, Instant at) implements Move {
    public Extend {
      checkNotNull(at, "at");
    }
  }

  /** Ends the game at once with no agreement: as a deadline, or as abandoned. */
  record End(Outcome outcome, Instant at) implements Move {
    public End {
      checkNotNull(outcome, "outcome");
      checkNotNull(at, "at");
    }
  }

  /** Frees a taken seat, for a player who lost the token or changed laptops. */
  record ReleaseSeat(String role, Instant at) implements Move {
    public ReleaseSeat {
      checkNotNull(role, "role");
      checkNotNull(at, "at");
    }
  }
}
