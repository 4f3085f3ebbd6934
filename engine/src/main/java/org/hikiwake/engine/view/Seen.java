package org.hikiwake.engine.view;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.Result;
import org.hikiwake.engine.scenario.News;

/**
 * One event of a game as one {@link Viewer} sees it. Everything that leaves
 * the host for a player, a watcher or a bot is a {@code Seen}, made by
 * {@link Projection}, so what may be seen is decided in one place: seat
 * tokens never leave, news carries only the viewer's own point changes and
 * notes, and the points of both sides travel only with the end of the game.
 */
public sealed interface Seen {

  /**
   * An event that holds no secret and is the same for every viewer: the
   * start, offers, chat, turns, time-outs and clock changes.
   */
  record Public(Event event) implements Seen {
    public Public {
      checkNotNull(event, "event");
      checkArgument(!(event instanceof Event.SeatTaken || event instanceof Event.NewsArrived
          || event instanceof Event.GameEnded), "%s is not public as it is", event);
    }
  }

  /** A seat was taken: who took it, and whether it is a bot (the token stays with the host). */
  record SeatFilled(String role, String displayName, Optional<String> bot) implements Seen {
    public SeatFilled {
      checkNotNull(role, "role");
      checkNotNull(displayName, "displayName");
      checkNotNull(bot, "bot");
    }
  }

  /**
   * News arrived. Its headline and text are public; its point changes and
   * private notes are only those for roles the viewer may see.
   */
  record NewsArrived(News news) implements Seen {
    public NewsArrived {
      checkNotNull(news, "news");
    }
  }

  /** The game ended, and everything is revealed. */
  record GameEnded(Result result, Reveal reveal) implements Seen {
    public GameEnded {
      checkNotNull(result, "result");
      checkNotNull(reveal, "reveal");
    }
  }
}
