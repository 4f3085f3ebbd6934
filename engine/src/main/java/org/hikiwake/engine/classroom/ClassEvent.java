package org.hikiwake.engine.classroom;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.hash.HashCode;
import java.time.Instant;

/**
 * Something that happened in a class, in the past tense. A class is the fold
 * of {@link ClassRules#apply} over its events, so a class survives a restart
 * like a game does.
 */
public sealed interface ClassEvent {

  /**
   * A student arrived in the class lobby.
   *
   * @param name the student's name as the class knows it (the roster's spelling, if any)
   * @param tokenHash SHA-256 of the student's secret class token
   */
  record StudentArrived(String name, HashCode tokenHash) implements ClassEvent {
    public StudentArrived {
      checkNotNull(name, "name");
      checkNotNull(tokenHash, "tokenHash");
    }
  }

  /**
   * The instructor let a student in again with a new token (they lost theirs or
   * changed laptops); the old token no longer works.
   */
  record StudentFreed(String name) implements ClassEvent {
    public StudentFreed {
      checkNotNull(name, "name");
    }
  }

  /** A freed student came back and holds a new token. */
  record StudentReadmitted(String name, HashCode tokenHash) implements ClassEvent {
    public StudentReadmitted {
      checkNotNull(name, "name");
      checkNotNull(tokenHash, "tokenHash");
    }
  }

  /**
   * A game of the class was created and its players seated.
   *
   * @param players who plays each role, by role id
   */
  record GameFormed(String gameCode, ImmutableMap<String, Player> players)
      implements ClassEvent {
    public GameFormed {
      checkNotNull(gameCode, "gameCode");
      checkNotNull(players, "players");
    }
  }

  /**
   * The instructor used a control on some of the class's games.
   *
   * @param applied the games whose rules took it
   * @param refused the games whose rules refused it (e.g. already over), with why
   */
  record ControlUsed(Control control, ImmutableList<String> applied,
      ImmutableMap<String, String> refused) implements ClassEvent {
    public ControlUsed {
      checkNotNull(control, "control");
      checkNotNull(applied, "applied");
      checkNotNull(refused, "refused");
    }
  }

  /** The instructor set a time after which every game of the class ends. */
  record TimeLimitSet(Instant endsAt) implements ClassEvent {
    public TimeLimitSet {
      checkNotNull(endsAt, "endsAt");
    }
  }

  /** The class is over: students may now see every game, and nothing more happens. */
  record ClassEnded(Instant at) implements ClassEvent {
    public ClassEnded {
      checkNotNull(at, "at");
    }
  }
}
