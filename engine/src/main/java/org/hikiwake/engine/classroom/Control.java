package org.hikiwake.engine.classroom;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.game.Outcome;

/**
 * One of the instructor's controls over a class's games. Each becomes the
 * same move in every game it is aimed at ({@link #move}), decided by that
 * game's rules and recorded there, so the game's replay shows it.
 */
public sealed interface Control {

  /** The move this control makes in one game. */
  Move move(Instant at);

  /** A short description for logs and the class's record, e.g. "pause". */
  String describe();

  /** Release a scenario news item now. */
  record ReleaseNews(String newsId) implements Control {
    public ReleaseNews {
      checkNotNull(newsId, "newsId");
    }

    @Override
    public Move move(Instant at) {
      return new Move.ReleaseNews(newsId, at);
    }

    @Override
    public String describe() {
      return "release news " + newsId;
    }
  }

  /** A text-only announcement. */
  record Announce(String text) implements Control {
    public Announce {
      checkNotNull(text, "text");
    }

    @Override
    public Move move(Instant at) {
      return new Move.Announce(text, at);
    }

    @Override
    public String describe() {
      return "announce";
    }
  }

  /** Pause every clock (turn moves wait). */
  record Pause() implements Control {
    @Override
    public Move move(Instant at) {
      return new Move.Pause(at);
    }

    @Override
    public String describe() {
      return "pause";
    }
  }

  /** Resume every paused clock. */
  record Resume() implements Control {
    @Override
    public Move move(Instant at) {
      return new Move.Resume(at);
    }

    @Override
    public String describe() {
      return "resume";
    }
  }

  /** Add rounds. */
  record Extend(int rounds) implements Control {
    public Extend {
      checkArgument(rounds >= 1, "rounds must be >= 1 but was %s", rounds);
    }

    @Override
    public Move move(Instant at) {
      return new Move.Extend(rounds, at);
    }

    @Override
    public String describe() {
      return "extend by " + rounds + (rounds == 1 ? " round" : " rounds");
    }
  }

  /** End the games at once: as a deadline, or as abandoned. */
  record End(Outcome outcome) implements Control {
    public End {
      checkArgument(outcome == Outcome.DEADLINE || outcome == Outcome.ABANDONED,
          "games are ended as a deadline or abandoned, not %s", outcome);
    }

    @Override
    public Move move(Instant at) {
      return new Move.End(outcome, at);
    }

    @Override
    public String describe() {
      return outcome == Outcome.DEADLINE ? "end (deadline)" : "end (abandoned)";
    }
  }
}
