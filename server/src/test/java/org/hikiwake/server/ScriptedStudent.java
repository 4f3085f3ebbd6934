package org.hikiwake.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.GameOver;
import org.hikiwake.proto.wire.GamePhase;
import org.hikiwake.proto.wire.GameSnapshot;
import org.hikiwake.proto.wire.Joined;
import org.hikiwake.proto.wire.ServerMessage;

/**
 * A student who plays a seat to the end by a fixed script: the Nash package
 * on each turn, and from round 2 on, the other side's offer if it made one.
 * It starts from the seat's first view, which may already hold the other
 * side's first moves (a bot does not wait for its partner's client).
 */
public final class ScriptedStudent {
  private final TestClient client;
  private final String role;
  private final List<EventView> seen = new ArrayList<>();
  private final GameSnapshot first;

  private ScriptedStudent(TestClient client, Joined joined) {
    this.client = client;
    this.role = joined.getRole();
    this.first = joined.getGame();
    seen.addAll(joined.getGame().getHistoryList());
  }

  /** The student of this seat, given the answer (or the push) that seated them. */
  public static ScriptedStudent of(TestClient client, ServerMessage joined) {
    assertThat(joined.hasJoined()).as("joined: %s", joined).isTrue();
    return new ScriptedStudent(client, joined.getJoined());
  }

  /** Every event the seat has seen: its first view's history, then what was pushed. */
  public List<EventView> seen() {
    return seen;
  }

  /** Plays to the end and returns it. */
  public GameOver playToTheEnd() throws InterruptedException {
    return playToTheEnd(first);
  }

  private GameOver playToTheEnd(GameSnapshot first) throws InterruptedException {
    boolean myTurn = first.getPhase() == GamePhase.GAME_PHASE_IN_PROGRESS
        && first.getToMove().equals(role);
    int round = (int) first.getRound();
    while (true) {
      if (!myTurn) {
        EventView e = push(x -> x.hasGameEnded()
            || (x.hasTurnChanged() && x.getTurnChanged().getRole().equals(role)));
        if (e.hasGameEnded()) {
          return e.getGameEnded();
        }
        round = e.getTurnChanged().getRound();
      }
      boolean otherOffered = seen.stream().anyMatch(x -> x.hasOfferMade()
          && !x.getOfferMade().getRole().equals(role));
      ServerMessage m = otherOffered && round >= 2 ? client.accept()
          : client.propose(HonestGame.NASH);
      assertThat(m.hasDone()).as("%s", m).isTrue();
      myTurn = false;
    }
  }

  /** The first seen event that matches, waiting for pushes if none has come yet. */
  public EventView await(Predicate<EventView> match) throws InterruptedException {
    for (EventView e : seen) {
      if (match.test(e)) {
        return e;
      }
    }
    return push(match);
  }

  /** The next pushed event that matches; the ones before it are seen too. */
  private EventView push(Predicate<EventView> match) throws InterruptedException {
    int before = client.seen().size();
    EventView e = client.awaitEvent(match);
    seen.addAll(client.seen().subList(before, client.seen().size()));
    return e;
  }
}
