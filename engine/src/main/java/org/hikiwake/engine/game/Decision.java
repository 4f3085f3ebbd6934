package org.hikiwake.engine.game;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;

/** What the rules decided about a move: the events it causes, or a rejection. */
public sealed interface Decision {

  /** The move is legal; these events, applied in order, carry it out. */
  record Accepted(ImmutableList<Event> events) implements Decision {
    public Accepted {
      checkArgument(!events.isEmpty(), "an accepted move produces at least one event");
    }

    public static Accepted of(List<Event> events) {
      return new Accepted(ImmutableList.copyOf(events));
    }
  }

  /** The move breaks a rule; nothing changes. */
  record Rejected(Rejection rejection) implements Decision {
    public Rejected {
      checkNotNull(rejection, "rejection");
    }
  }

  default boolean isAccepted() {
    return this instanceof Accepted;
  }
}
