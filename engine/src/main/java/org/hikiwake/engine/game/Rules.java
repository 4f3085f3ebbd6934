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
import java.util.regex.Pattern;
import org.hikiwake.engine.game.Decision.Accepted;
import org.hikiwake.engine.game.Decision.Rejected;
import org.hikiwake.engine.game.Event.ChatPosted;
import org.hikiwake.engine.game.Event.ClockRestarted;
import org.hikiwake.engine.game.Event.GameEnded;
import org.hikiwake.engine.game.Event.GameStarted;
import org.hikiwake.engine.game.Event.NewsArrived;
import org.hikiwake.engine.game.Event.OfferMade;
import org.hikiwake.engine.game.Event.SeatTaken;
import org.hikiwake.engine.game.Event.TurnChanged;
import org.hikiwake.engine.game.Event.TurnTimedOut;
import org.hikiwake.engine.scenario.Echo;
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
 * <p>Seats are taken first; taking the last free seat starts the game.
 * Stacked alternating offers: on its turn a side proposes a complete package
 * (replacing the offer on the table), accepts the other side's offer, or
 * walks away. A round is one turn for each side. Chat is allowed any time
 * before the end and uses no turn. The game ends in agreement, walk-out, or at
 * the deadline when the last round passes.
 *
 * <p>Text limits count Unicode code points, so an emoji or an accented
 * letter typed as one character counts once.
 */
public final class Rules {
  /** The longest chat message, in Unicode code points. */
  public static final int MAX_CHAT_CODE_POINTS = 500;
  /** The longest display name, in Unicode code points. */
  public static final int MAX_NAME_CODE_POINTS = 32;
  /**
   * Display names: letters (with their accents), digits, spaces and . - _ '
   * (straight or curly apostrophe), so "Zoë O'Neil" and "Jean-Luc" are names.
   */
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}\\p{N} ._'\u2019-]+");
  /** What {@link #NAME} allows, for messages. */
  public static final String NAME_CHARACTERS =
      "letters, digits, spaces, '.', '-', '_' and apostrophes";

  private Rules() {}

  /** Decides what a move does in the given state, without changing anything. */
  public static Decision decide(GameState state, Move move) {
    if (move instanceof Move.TakeSeat takeSeat) {
      return decideTakeSeat(state, takeSeat);
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
    return Controls.decide(state, move);
  }

  /** Returns the state after one event. The event must come from {@link #decide}. */
  public static GameState apply(GameState s, Event event) {
    if (event instanceof Event.SeatReleased released) {
      checkState(s.seats().containsKey(released.role()), "seat %s is not taken", released.role());
      Map<String, Seat> seats = new LinkedHashMap<>(s.seats());
      seats.remove(released.role());
      return s.withSeats(ImmutableMap.copyOf(seats));
    } else if (event instanceof Event.Announced) {
      return s;
    } else if (event instanceof Event.Paused paused) {
      checkState(!s.isPaused(), "game already paused");
      return s.withPause(Optional.of(paused.at()), s.deadline());
    } else if (event instanceof Event.Resumed resumed) {
      checkState(s.isPaused(), "game not paused");
      return s.withPause(Optional.empty(), resumed.deadline());
    } else if (event instanceof Event.RoundsExtended extended) {
      return s.withSettings(s.settings().withRounds(extended.rounds()));
    } else if (event instanceof SeatTaken seat) {
      checkState(s.scenario().hasRole(seat.role()), "unknown role %s", seat.role());
      checkState(!s.seats().containsKey(seat.role()), "seat %s already taken", seat.role());
      Map<String, Seat> seats = new LinkedHashMap<>(s.seats());
      seats.put(seat.role(), new Seat(seat.displayName(), seat.bot(), seat.tokenHash()));
      return s.withSeats(ImmutableMap.copyOf(seats));
    } else if (event instanceof GameStarted) {
      checkState(s.phase() == Phase.WAITING, "game already started");
      return s.withPhase(Phase.IN_PROGRESS);
    } else if (event instanceof OfferMade offer) {
      return s.withOnTable(Optional.of(new Offer(offer.role(), offer.pkg())));
    } else if (event instanceof ChatPosted || event instanceof TurnTimedOut) {
      return s;
    } else if (event instanceof TurnChanged turn) {
      return s.withTurn(turn.turn(), turn.round(), Optional.of(turn.role()), turn.deadline());
    } else if (event instanceof ClockRestarted restarted) {
      return s.withDeadline(Optional.of(restarted.deadline()));
    } else if (event instanceof NewsArrived arrived) {
      News news = s.scenario().newsItem(arrived.newsId())
          .orElseThrow(() -> new IllegalStateException("unknown news " + arrived.newsId()));
      ImmutableList<String> arrivedIds = ImmutableList.<String>builder()
          .addAll(s.newsArrived()).add(news.id()).build();
      return s.withNews(withChanges(s.pointsInForce(), news.pointChanges()), arrivedIds);
    } else if (event instanceof GameEnded ended) {
      return s.withResult(ended.result());
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

  /** Points tables with news point changes added, for the roles the changes name. */
  public static ImmutableMap<String, PointsTable> withChanges(
      Map<String, PointsTable> points, List<PointChange> changes) {
    Map<String, PointsTable> out = new LinkedHashMap<>(points);
    for (PointChange change : changes) {
      PointsTable table = out.get(change.role());
      if (table != null) {
        out.put(change.role(), table.plus(change.issue(), change.option(), change.delta()));
      }
    }
    return ImmutableMap.copyOf(out);
  }

  /** Why a display name cannot be used, if it cannot. */
  public static Optional<Rejection> nameProblem(String name) {
    int length = name.codePointCount(0, name.length());
    if (length > MAX_NAME_CODE_POINTS) {
      return Optional.of(Rejection.of(RejectionCode.TEXT_TOO_LONG, "A display name can be at most "
          + MAX_NAME_CODE_POINTS + " characters (Unicode code points); this one has " + length
          + "."));
    }
    if (name.isBlank() || !NAME.matcher(name).matches() || !name.equals(name.strip())) {
      return Optional.of(Rejection.of(RejectionCode.INVALID_TEXT, "A display name needs 1 to "
          + MAX_NAME_CODE_POINTS + " " + NAME_CHARACTERS + ", with no space at either end."));
    }
    return Optional.empty();
  }

  /** Why a chat message cannot be posted, if it cannot. */
  public static Optional<Rejection> chatProblem(String text) {
    if (text.isBlank()) {
      return Optional.of(Rejection.of(RejectionCode.INVALID_TEXT, "A message cannot be empty."));
    }
    int length = text.codePointCount(0, text.length());
    if (length > MAX_CHAT_CODE_POINTS) {
      return Optional.of(Rejection.of(RejectionCode.TEXT_TOO_LONG, "A message can be at most "
          + MAX_CHAT_CODE_POINTS + " characters (Unicode code points); this one has " + length
          + "."));
    }
    return Optional.empty();
  }

  private static Decision decideTakeSeat(GameState s, Move.TakeSeat take) {
    Optional<Role> role = s.scenario().role(take.role());
    if (role.isEmpty()) {
      return reject(RejectionCode.UNKNOWN_ROLE, "This game has no role '" + Echo.of(take.role())
          + "'. Roles: " + roleIds(s) + ".");
    }
    if (s.isOver()) {
      return reject(RejectionCode.GAME_OVER, "This game is over; watch it instead.");
    }
    Optional<Rejection> nameProblem = nameProblem(take.displayName());
    if (nameProblem.isPresent()) {
      return new Rejected(nameProblem.get());
    }
    if (s.seats().containsKey(take.role())) {
      return reject(RejectionCode.SEAT_TAKEN, "The " + role.get().name() + " seat is taken."
          + " Free seats: " + freeSeats(s) + ".");
    }
    List<Event> events = new ArrayList<>();
    events.add(new SeatTaken(take.role(), take.displayName(), take.bot(), take.tokenHash()));
    boolean full = s.scenario().roles().stream()
        .allMatch(r -> r.id().equals(take.role()) || s.seats().containsKey(r.id()));
    // A seat freed by the instructor is taken again in a running game: no second start.
    if (full && s.phase() == Phase.WAITING) {
      events.add(new GameStarted(take.at()));
      beginTurn(s, 0, take.at(), events);
    }
    return Accepted.of(events);
  }

  private static Decision decidePropose(GameState s, Move.Propose propose) {
    Optional<Rejection> turnProblem = checkTurn(s, propose.role());
    if (turnProblem.isPresent()) {
      return new Rejected(turnProblem.get());
    }
    List<String> problems = s.scenario().problemsWith(propose.pkg());
    if (!problems.isEmpty()) {
      return new Rejected(invalidPackage(problems));
    }
    List<Event> events = new ArrayList<>();
    events.add(new OfferMade(propose.role(), s.scenario().canonical(propose.pkg())));
    endTurn(s, propose.at(), events);
    return Accepted.of(events);
  }

  /** The rejection of a package with these problems (from {@code problemsWith} or a parse). */
  public static Rejection invalidPackage(List<String> problems) {
    return Rejection.of(RejectionCode.INVALID_PACKAGE,
        "An offer needs exactly one known option for every issue: "
            + String.join("; ", problems) + ".",
        problems);
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
    Optional<Rejection> textProblem = chatProblem(say.text());
    if (textProblem.isPresent()) {
      return new Rejected(textProblem.get());
    }
    return Accepted.of(List.of(new ChatPosted(say.role(), say.text())));
  }

  private static Decision decideTimeOut(GameState s, Move.TimeOut timeOut) {
    Optional<Rejection> phaseProblem = checkInProgress(s);
    if (phaseProblem.isPresent()) {
      return new Rejected(phaseProblem.get());
    }
    if (s.isPaused()) {
      return new Rejected(pausedRejection());
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
    if (s.isPaused()) {
      return new Rejected(pausedRejection());
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
    if (roundOf(next) > s.settings().lastRound()) {
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
      for (News news : s.settings().news().newsFor(s.scenario(), round)) {
        // news the instructor released early does not come twice
        if (!s.newsArrived().contains(news.id())) {
          events.add(new NewsArrived(news.id()));
        }
      }
    }
  }

  private static int roundOf(int turn) {
    return turn / 2 + 1;
  }

  static Result noAgreement(GameState s, Outcome outcome, Optional<String> endedBy) {
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
    if (s.isPaused()) {
      return Optional.of(pausedRejection());
    }
    if (!s.isTurnOf(role)) {
      String other = s.toMove().orElseThrow();
      String name = s.scenario().role(other).map(Role::name).orElse(other);
      return Optional.of(Rejection.of(RejectionCode.NOT_YOUR_TURN,
          "It is " + name + "'s turn; wait for yours."));
    }
    return Optional.empty();
  }

  static Rejection pausedRejection() {
    return Rejection.of(RejectionCode.GAME_PAUSED,
        "The instructor has paused the game; wait until it is resumed.");
  }

  static Optional<Rejection> checkInProgress(GameState s) {
    if (s.phase() == Phase.WAITING) {
      return Optional.of(Rejection.of(RejectionCode.GAME_NOT_STARTED,
          "The game has not started yet; it starts when both seats are taken."));
    }
    if (s.phase() == Phase.ENDED) {
      return Optional.of(Rejection.of(RejectionCode.GAME_OVER, "The game is over."));
    }
    return Optional.empty();
  }

  private static String roleIds(GameState s) {
    return String.join(", ", s.scenario().roles().stream().map(Role::id).toList());
  }

  private static String freeSeats(GameState s) {
    List<String> free = s.scenario().roles().stream().map(Role::id)
        .filter(id -> !s.seats().containsKey(id)).toList();
    return free.isEmpty() ? "none" : String.join(", ", free);
  }

  private static Decision unknownRole(String role) {
    return new Rejected(unknownRoleRejection(role));
  }

  private static Rejection unknownRoleRejection(String role) {
    return Rejection.of(RejectionCode.UNKNOWN_ROLE, "There is no role '" + Echo.of(role) + "'.");
  }

  private static Decision reject(RejectionCode code, String message) {
    return new Rejected(Rejection.of(code, message));
  }
}
