package org.hikiwake.server.room;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.view.GameView;
import org.hikiwake.engine.view.Sighting;

/** A room's answer to a request, as domain values; the network edge turns it into a message. */
public sealed interface RoomReply {

  /**
   * The participant holds a seat now (joined or resumed).
   *
   * @param token the secret seat token, for resuming later
   * @param basePoints the seat's points before any news
   * @param view the game as the seat sees it now
   * @param history every durable event so far, as the seat sees it
   * @param connected which roles' holders are connected
   */
  record Seated(String role, String token, PointsTable basePoints, GameView view,
      ImmutableList<Sighting> history, ImmutableMap<String, Boolean> connected)
      implements RoomReply {
    public Seated {
      checkNotNull(role, "role");
      checkNotNull(token, "token");
      checkNotNull(view, "view");
    }
  }

  /** The participant watches the game now. */
  record Watching(GameView view, ImmutableList<Sighting> history,
      ImmutableMap<String, Boolean> connected) implements RoomReply {
    public Watching {
      checkNotNull(view, "view");
    }
  }

  /** The move is durable and applied; its events follow in the same delivery. */
  record Done() implements RoomReply {}

  /** The request was refused; nothing changed. */
  record Refused(Refusal refusal) implements RoomReply {
    public Refused {
      checkNotNull(refusal, "refusal");
    }
  }
}
