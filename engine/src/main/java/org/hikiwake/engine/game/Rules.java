package org.hikiwake.engine.game;

import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.engine.game.Decision.Accepted;
import org.hikiwake.engine.game.Decision.Rejected;
import org.hikiwake.engine.game.Event.ChatPosted;
import org.hikiwake.engine.game.Event.ClockRestarted;
import org.hikiwake.engine.game.Event.GameEnded;
import org.hikiwake.engine.game.Event.GameStarted;
import org.hikiwake.engine.game.Event.NewsArrived;
import org.hikiwake.engine.game.Event.OfferMade;
import org.hikiwake.engine.game.Event.TurnChanged;
import org.hikiwake.engine.game.Event.TurnTimedOut;
import org.hikiwake.engine.scenario.News;
import org.hikiwake.engine.scenario.PointChange;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.Role;

/**
 * The rules of the game as two pure functions: {@link #decide} turns a move
 * into events or a rejection, and {@link #apply} folds one event into the
 * state. Neither reads a clock, draws a random number or does I/O, so a game
 * replays exactly from its events.
 *
 * <p>Stacked alternating offers: on its turn a side proposes a complete
 * package (replacing the offer on the table), accepts the other side's offer,
 * or walks away. A round is one turn for each side. Chat is allowed any time
 * before the end and uses no turn. The game ends in agreement, walk-out, or at
 * the deadline when the last round passes.
 */
public final class Rules {
  /** The longest chat message, in characters. */
  public static final int MAX_CHAT_CHARS = 500;

  private Rules() {}

  /** Decides what a move does in the given state, without changing anything. */
  public static Decision decide(GameState state, Move move) {
    if (move instanceof Move.Start start) {
      return decideStart(state, start);
    } else if (move instanceof Move.Propose propose) {
      return decidePropose(state, propose);
    } else if (move instanceof Move.Accept accept) {
      return decideAccept(state, accept);
    } else if (move instanceof Move.WalkAway walkAway) {
      return decideWalkAway(state, walkAway);
    } else if (move instanceof Move.Say say) {
      return decideSay(state, say);
    } else if (move instanceof Move.TimeOut timeOut) {
      return decideTimeOut(state, timeOut);
    } else if (move instanceof Move.RestartClock restart) {
      return decideRestartClock(state, restart);
    }
    throw new AssertionError(move);
  }

  /** Returns the state after one event. The event must come from {@link #decide}. */
  public static GameState apply(GameState s, Event event) {
    if (event instanceof GameStarted) {
      checkState(s.phase() == Phase.WAITING, "game already started");
      return new GameState(s.scenario(), s.settings(), Phase.IN_PROGRESS, s.turn(), s.round(),
          s.toMove(), s.deadline(), s.onTable(), s.pointsInForce(), s.newsArrived(), s.result());
    } else if (event instanceof OfferMade offer) {
      return new GameState(s.scenario(), s.settings(), s.phase(), s.turn(), s.round(),
          s.toMove(), s.deadline(), Optional.of(new Offer(offer.role(), offer.pkg())),
          s.pointsInForce(), s.newsArrived(), s.result());
    } else if (event instanceof ChatPosted || event instanceof TurnTimedOut) {
      return s;
    } else if (event instanceof TurnChanged turn) {
      return new GameState(s.scenario(), s.settings(), s.phase(), turn.turn(), turn.round(),
          Optional.of(turn.role()), turn.deadline(), s.onTable(), s.pointsInForce(),
          s.newsArrived(), s.result());
    } else if (event instanceof ClockRestarted restarted) {
      return new GameState(s.scenario(), s.settings(), s.phase(), s.turn(), s.round(),
          s.toMove(), Optional.of(restarted.deadline()), s.onTable(), s.pointsInForce(),
          s.newsArrived(), s.result());
    } else if (event instanceof NewsArrived arrived) {
      News news = s.scenario().newsItem(arrived.newsId())
          .orElseThrow(() -> new IllegalStateException("unknown news " + arrived.newsId()));
      Map<String, PointsTable> points = new LinkedHashMap<>(s.pointsInForce());
      for (PointChange change : news.pointChanges()) {
        points.put(change.role(),
            points.get(change.role()).plus(change.issue(), change.option(), change.delta()));
      }
      ImmutableList<String> arrivedIds = ImmutableList.<String>builder()
          .addAll(s.newsArrived()).add(news.id()).build();
      return new GameState(s.scenario(), s.settings(), s.phase(), s.turn(), s.round(),
          s.toMove(), s.deadline(), s.onTable(), ImmutableMap.copyOf(points), arrivedIds,
          s.result());
    } else if (event instanceof GameEnded ended) {
      return new GameState(s.scenario(), s.settings(), Phase.ENDED, s.turn(), s.round(),
          Optional.empty(), Optional.empty(), s.onTable(), s.pointsInForce(), s.newsArrived(),
          Optional.of(ended.result()));
    }
    throw new AssertionError(event);
  }

  /** Applies events in order. */
  public static GameState applyAll(GameState state, Iterable<? extends Event> events) {
    GameState s = state;
    for (Event e : events) {
      s = apply(s, e);
    }
    return s;
  }

  private static Decision decideStart(GameState s, Move.Start start) {
    if (s.phase() == Phase.ENDED) {
      return reject(RejectionCode.GAME_OVER, "The game is over.");
    }
    if (s.phase() == Phase.IN_PROGRESS) {
      return reject(RejectionCode.ALREADY_STARTED, "The game has already started.");
    }
    List<Event> events = new ArrayList<>();
    events.add(new GameStarted(start.at()));
    beginTurn(s, 0, start.at(), events);
    return Accepted.of(events);
  }

  private static Decision decidePropose(GameState s, Move.Propose propose) {
    Optional<Rejection> turnProblem = checkTurn(s, propose.role());
    if (turnProblem.isPresent()) {
      return new Rejected(turnProblem.get());
    }
    List<String> problems = s.scenario().problemsWith(propose.pkg());
    if (!problems.isEmpty()) {
      return new Rejected(Rejection.of(RejectionCode.INVALID_PACKAGE,
          "An offer needs exactly one known option for every issue: "
              + String.join("; ", problems) + ".",
          problems));
    }
    List<Event> events = new ArrayList<>();
    events.add(new OfferMade(propose.role(), s.scenario().canonical(propose.pkg())));
    endTurn(s, propose.at(), events);
    return Accepted.of(events);
  }

  private static Decision decideAccept(GameState s, Move.Accept accept) {
    Optional<Rejection> turnProblem = checkTurn(s, accept.role());
    if (turnProblem.isPresent()) {
      return new Rejected(turnProblem.get());
    }
    if (s.onTable().isEmpty()) {
      return reject(RejectionCode.NOTHING_TO_ACCEPT,
          "There is no offer on the table yet. Make an offer instead.");
    }
    Offer offer = s.onTable().get();
    if (offer.proposer().equals(accept.role())) {
      return reject(RejectionCode.OWN_OFFER,
          "The offer on the table is your own; only the other side can accept it.");
    }
    Map<String, Integer> scores = new LinkedHashMap<>();
    for (Role role : s.scenario().roles()) {
      scores.put(role.id(), s.pointsOf(role.id()).score(offer.pkg()));
    }
    Result result = new Result(Outcome.AGREEMENT, Optional.of(offer.pkg()),
        ImmutableMap.copyOf(scores), Optional.of(accept.role()));
    return Accepted.of(List.of(new GameEnded(result)));
  }

  private static Decision decideWalkAway(GameState s, Move.WalkAway walkAway) {
    Optional<Rejection> turnProblem = checkTurn(s, walkAway.role());
    if (turnProblem.isPresent()) {
      return new Rejected(turnProblem.get());
    }
    return Accepted.of(List.of(new GameEnded(noAgreement(s, Outcome.WALK_OUT,
        Optional.of(walkAway.role())))));
  }

  private static Decision decideSay(GameState s, Move.Say say) {
    if (!s.scenario().hasRole(say.role())) {
      return unknownRole(say.role());
    }
    if (s.isOver()) {
      return reject(RejectionCode.GAME_OVER, "The game is over.");
    }
    if (say.text().isBlank()) {
      return reject(RejectionCode.INVALID_MESSAGE, "A message cannot be empty.");
    }
    if (say.text().length() > MAX_CHAT_CHARS) {
      return reject(RejectionCode.INVALID_MESSAGE, "A message can be at most "
          + MAX_CHAT_CHARS + " characters; this one has " + say.text().length() + ".");
    }
    return Accepted.of(List.of(new ChatPosted(say.role(), say.text())));
  }

  private static Decision decideTimeOut(GameState s, Move.TimeOut timeOut) {
    Optional<Rejection> phaseProblem = checkInProgress(s);
    if (phaseProblem.isPresent()) {
      return new Rejected(phaseProblem.get());
    }
    if (s.deadline().isEmpty()) {
      return reject(RejectionCode.UNTIMED_GAME, "Turns in this game have no time limit.");
    }
    if (timeOut.at().isBefore(s.deadline().get())) {
      return reject(RejectionCode.TURN_NOT_EXPIRED,
          "The turn runs until " + s.deadline().get() + ".");
    }
    List<Event> events = new ArrayList<>();
    events.add(new TurnTimedOut(s.toMove().orElseThrow()));
    endTurn(s, timeOut.at(), events);
    return Accepted.of(events);
  }

  private static Decision decideRestartClock(GameState s, Move.RestartClock restart) {
    Optional<Rejection> phaseProblem = checkInProgress(s);
    if (phaseProblem.isPresent()) {
      return new Rejected(phaseProblem.get());
    }
    if (s.settings().turnLimit().isEmpty()) {
      return reject(RejectionCode.UNTIMED_GAME, "Turns in this game have no time limit.");
    }
    return Accepted.of(List.of(
        new ClockRestarted(restart.at().plus(s.settings().turnLimit().get()))));
  }

  /** Appends the events that close the current turn and open the next, or end the game. */
  private static void endTurn(GameState s, Instant at, List<Event> events) {
    int next = s.turn() + 1;
    if (roundOf(next) > s.settings().rounds()) {
      events.add(new GameEnded(noAgreement(s, Outcome.DEADLINE, Optional.empty())));
    } else {
      beginTurn(s, next, at, events);
    }
  }

  private static void beginTurn(GameState s, int turn, Instant at, List<Event> events) {
    int round = roundOf(turn);
    String role = turn % 2 == 0 ? s.scenario().firstMover() : s.scenario().secondMover();
    Optional<Instant> deadline = s.settings().turnLimit().map(at::plus);
    events.add(new TurnChanged(turn, round, role, deadline));
    if (round != s.round()) {
      for (News news : s.scenario().newsFor(round)) {
        events.add(new NewsArrived(news.id()));
      }
    }
  }

  private static int roundOf(int turn) {
    return turn / 2 + 1;
  }

  private static Result noAgreement(GameState s, Outcome outcome, Optional<String> endedBy) {
    Map<String, Integer> scores = new LinkedHashMap<>();
    for (Role role : s.scenario().roles()) {
      scores.put(role.id(), role.reservationValue());
    }
    return new Result(outcome, Optional.empty(), ImmutableMap.copyOf(scores), endedBy);
  }

  private static Optional<Rejection> checkTurn(GameState s, String role) {
    if (!s.scenario().hasRole(role)) {
      return Optional.of(unknownRoleRejection(role));
    }
    Optional<Rejection> phaseProblem = checkInProgress(s);
    if (phaseProblem.isPresent()) {
      return phaseProblem;
    }
    if (!s.isTurnOf(role)) {
      return Optional.of(Rejection.of(RejectionCode.NOT_YOUR_TURN,
          "It is " + s.toMove().orElseThrow() + "'s turn; wait for yours."));
    }
    return Optional.empty();
  }

  private static Optional<Rejection> checkInProgress(GameState s) {
    if (s.phase() == Phase.WAITING) {
      return Optional.of(Rejection.of(RejectionCode.GAME_NOT_STARTED,
          "The game has not started yet; it starts when both seats are taken."));
    }
    if (s.phase() == Phase.ENDED) {
      return Optional.of(Rejection.of(RejectionCode.GAME_OVER, "The game is over."));
    }
    return Optional.empty();
  }

  private static Decision unknownRole(String role) {
    return new Rejected(unknownRoleRejection(role));
  }

  private static Rejection unknownRoleRejection(String role) {
    return Rejection.of(RejectionCode.UNKNOWN_ROLE, "There is no role '" + role + "'.");
  }

  private static Decision reject(RejectionCode code, String message) {
    return new Rejected(Rejection.of(code, message));
  }
}
