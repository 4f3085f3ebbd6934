package org.hikiwake.server.room;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import org.hikiwake.engine.game.Rejection;

/** Why a request was refused: by the rules, or by the host for a reason of its own. */
public sealed interface Refusal {
  String message();

  /** The rules refused the move. */
  record ByRules(Rejection rejection) implements Refusal {
    public ByRules {
      checkNotNull(rejection, "rejection");
    }

    @Override
    public String message() {
      return rejection.message();
    }
  }

  /** The host refused it. */
  record ByHost(Problem problem, String message, ImmutableList<String> details)
      implements Refusal {
    public ByHost {
      checkNotNull(problem, "problem");
      checkNotNull(message, "message");
      checkNotNull(details, "details");
    }
  }

  static Refusal of(Problem problem, String message) {
    return new ByHost(problem, message, ImmutableList.of());
  }

  /** The host's reasons. */
  enum Problem {
    /** No game has that code. */
    UNKNOWN_GAME,
    /** No scenario has that id. */
    UNKNOWN_SCENARIO,
    /** The settings asked for make no game (e.g. rounds out of range). */
    BAD_SETTINGS,
    /** The seat token matches no seat of the game. */
    BAD_SEAT_TOKEN,
    /** The participant holds no seat of the game (any more). */
    NOT_SEATED,
    /** The game's recording is damaged; it cannot go on. */
    GAME_DAMAGED,
    /** The game is still running (e.g. its recording was asked for). */
    GAME_NOT_OVER,
    /** The server holds as many unfinished games as it may. */
    TOO_MANY_GAMES,
    /** The server failed; the request did not take effect. */
    INTERNAL,
    /** No class has that code. */
    UNKNOWN_CLASS,
    /** The instructor token does not match the class's. */
    BAD_INSTRUCTOR_TOKEN,
    /** The roster text has bad lines. */
    BAD_ROSTER,
    /** The game belongs to a class: its seats, watchers and recording are the class's. */
    CLASS_GAME,
    /** The student token matches no student of the class. */
    BAD_STUDENT_TOKEN
  }
}
