package org.hikiwake.server.room;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.List;
import org.hikiwake.engine.scenario.PublicScenario;
import org.hikiwake.engine.view.Sighting;

/**
 * What a room hands one participant at once: a reply to one of its requests
 * and the events it may see, in order. A participant writes one delivery in
 * one go, so a move's answer and its events reach a client together.
 *
 * @param gameCode the game it concerns
 * @param scenario the game's public scenario, to describe its events
 * @param items what to pass on, in order
 */
public record Delivery(String gameCode, PublicScenario scenario, ImmutableList<Item> items) {
  public Delivery {
    checkNotNull(gameCode, "gameCode");
    checkNotNull(scenario, "scenario");
    checkNotNull(items, "items");
  }

  public static Delivery of(String gameCode, PublicScenario scenario, List<Item> items) {
    return new Delivery(gameCode, scenario, ImmutableList.copyOf(items));
  }

  /** One thing a room tells a participant. */
  public sealed interface Item {}

  /**
   * The answer to one of the participant's requests.
   *
   * @param requestId the participant's own number for the request
   */
  public record Reply(long requestId, RoomReply reply) implements Item {
    public Reply {
      checkNotNull(reply, "reply");
    }
  }

  /** A recorded event, as this participant may see it, once it is durable. */
  public record Happened(Sighting sighting) implements Item {
    public Happened {
      checkNotNull(sighting, "sighting");
    }
  }

  /** A seat's holder connected or went away (not recorded). */
  public record PresenceChanged(String role, boolean connected, Instant at) implements Item {
    public PresenceChanged {
      checkNotNull(role, "role");
      checkNotNull(at, "at");
    }
  }

  /**
   * The seat this participant held was resumed by someone else, who holds it
   * now, or (freed) the instructor freed it for a new laptop.
   */
  public record SeatMoved(String role, Instant at, boolean freed) implements Item {
    public SeatMoved {
      checkNotNull(role, "role");
      checkNotNull(at, "at");
    }
  }
}
