package org.hikiwake.engine.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hikiwake.engine.game.GameFixtures.NORTH;
import static org.hikiwake.engine.game.GameFixtures.NORTH_RV;
import static org.hikiwake.engine.game.GameFixtures.SOUTH;
import static org.hikiwake.engine.game.GameFixtures.SOUTH_RV;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.hash.HashCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hikiwake.engine.game.Event.ChatPosted;
import org.hikiwake.engine.game.Event.ClockRestarted;
import org.hikiwake.engine.game.Event.GameEnded;
import org.hikiwake.engine.game.Event.GameStarted;
import org.hikiwake.engine.game.Event.NewsArrived;
import org.hikiwake.engine.game.Event.OfferMade;
import org.hikiwake.engine.game.Event.SeatTaken;
import org.hikiwake.engine.game.Event.TurnChanged;
import org.hikiwake.engine.game.Event.TurnTimedOut;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.Scenario;
import org.junit.jupiter.api.Test;

/**
 * Given events applied to a new game of the fishing scenario, when a move is
 * decided, then these exact events, or that rejection. Scores are worked out
 * by hand from the points in {@link GameFixtures#FISHING_TEXT}.
 */
class RulesTest {
  private static final Scenario FISHING = GameFixtures.fishing();
  private static final GameSettings UNTIMED = GameSettings.untimed(2);
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final GameSettings TIMED = GameSettings.timed(2, LIMIT);
  private static final Instant T0 = Instant.parse("2014-01-01T10:00:00Z");
  private static final HashCode TOKEN = HashCode.fromString("00ff00ff00ff00ff");

  /** North 30 + 40 = 70, South 30 + 0 = 30; after the storm North 80, South 35. */
  private static final Package MID_LONG = Package.of("quota", "mid", "season", "long");
  /** North 0, South 100. */
  private static final Package LOW_SHORT = Package.of("quota", "low", "season", "short");
  /** North 60, South 40; the storm changes neither option. */
  private static final Package HIGH_SHORT = Package.of("quota", "high", "season", "short");

  // ---- seats and the start ----

  @Test
  void decide_takeFirstSeat_seatsThePlayerAndKeepsWaiting() {
    Decision decision = Rules.decide(given(UNTIMED), take(NORTH, "Aiko"));

    thenEvents(decision, new SeatTaken(NORTH, "Aiko", Optional.empty(), TOKEN));
    GameState after = Rules.applyAll(given(UNTIMED), accepted(decision));
    assertThat(after.phase()).isEqualTo(Phase.WAITING);
    assertThat(after.seat(NORTH)).contains(new Seat("Aiko", Optional.empty(), TOKEN));
  }

  @Test
  void decide_takeLastFreeSeat_startsFirstMoversTurnWithRoundOneNews() {
    GameState state = given(UNTIMED, northSeated());

    Decision decision = Rules.decide(state, take(SOUTH, "Boris"));

    thenEvents(decision,
        new SeatTaken(SOUTH, "Boris", Optional.empty(), TOKEN),
        new GameStarted(T0),
        new TurnChanged(0, 1, NORTH, Optional.empty()),
        new NewsArrived("opening"));
  }

  @Test
  void decide_takeLastSeatOfTimedGame_firstTurnEndsOneLimitLater() {
    Decision decision = Rules.decide(given(TIMED, northSeated()), take(SOUTH, "Boris"));

    thenEvents(decision,
        new SeatTaken(SOUTH, "Boris", Optional.empty(), TOKEN),
        new GameStarted(T0),
        new TurnChanged(0, 1, NORTH, Optional.of(T0.plus(LIMIT))),
        new NewsArrived("opening"));
  }

  @Test
  void decide_botTakesSeat_seatIsMarkedAsABot() {
    Decision decision = Rules.decide(given(UNTIMED),
        new Move.TakeSeat(SOUTH, "Medium bot", Optional.of("medium"), TOKEN, T0));

    thenEvents(decision, new SeatTaken(SOUTH, "Medium bot", Optional.of("medium"), TOKEN));
  }

  @Test
  void decide_takeTakenSeat_isRejected() {
    thenRejected(Rules.decide(given(UNTIMED, northSeated()), take(NORTH, "Other")),
        RejectionCode.SEAT_TAKEN);
  }

  @Test
  void decide_takeSeatOfUnknownRole_isRejected() {
    thenRejected(Rules.decide(given(UNTIMED), take("west", "Aiko")), RejectionCode.UNKNOWN_ROLE);
  }

  @Test
  void decide_takeSeatWithNameOfMaxCodePoints_isAccepted() {
    // 31 letters and one letter outside the BMP: 32 code points but 33 UTF-16 units.
    String name = "a".repeat(Rules.MAX_NAME_CODE_POINTS - 1) + "\uD835\uDC9C";
    assertThat(name.length()).isEqualTo(Rules.MAX_NAME_CODE_POINTS + 1);

    assertThat(Rules.decide(given(UNTIMED), take(NORTH, "Zoë O'Neil")).isAccepted()).isTrue();
    assertThat(Rules.nameProblem(name)).isEmpty();
  }

  @Test
  void decide_takeSeatWithNameOverTheLimit_isRejectedAsTooLong() {
    Rejection r = rejection(Rules.decide(given(UNTIMED),
        take(NORTH, "a".repeat(Rules.MAX_NAME_CODE_POINTS + 1))));

    assertThat(r.code()).isEqualTo(RejectionCode.TEXT_TOO_LONG);
    assertThat(r.message()).contains("code points").contains("33");
  }

  @Test
  void decide_takeSeatWithBadName_isRejectedAsInvalidText() {
    for (String name : List.of("", "   ", "<script>", " Aiko", "tab\tname")) {
      assertThat(rejection(Rules.decide(given(UNTIMED), take(NORTH, name))).code())
          .as("name '%s'", name).isEqualTo(RejectionCode.INVALID_TEXT);
    }
  }

  @Test
  void decide_takeSeatAfterTheEnd_isRejected() {
    GameState state = given(UNTIMED, started(),
        List.of(new GameEnded(new Result(Outcome.WALK_OUT, Optional.empty(),
            ImmutableMap.of(NORTH, NORTH_RV, SOUTH, SOUTH_RV), Optional.of(NORTH)))));
    thenRejected(Rules.decide(state, take(NORTH, "Late")), RejectionCode.GAME_OVER);
  }

  @Test
  void apply_startEvents_gameInProgressWithFirstMoverToMove() {
    GameState state = given(UNTIMED, started());

    assertThat(state.phase()).isEqualTo(Phase.IN_PROGRESS);
    assertThat(state.turn()).isZero();
    assertThat(state.round()).isEqualTo(1);
    assertThat(state.toMove()).contains(NORTH);
    assertThat(state.onTable()).isEmpty();
    assertThat(state.newsArrived()).containsExactly("opening");
    assertThat(state.isFull()).isTrue();
  }

  // ---- propose ----

  @Test
  void decide_proposeOnYourTurn_makesOfferAndPassesTurn() {
    GameState state = given(UNTIMED, started());

    Decision decision = Rules.decide(state, new Move.Propose(NORTH, MID_LONG, T0));

    thenEvents(decision,
        new OfferMade(NORTH, MID_LONG),
        new TurnChanged(1, 1, SOUTH, Optional.empty()));
  }

  @Test
  void decide_proposeIssuesOutOfOrder_offerIsInScenarioOrder() {
    GameState state = given(UNTIMED, started());

    Decision decision = Rules.decide(state,
        new Move.Propose(NORTH, Package.of("season", "long", "quota", "mid"), T0));

    OfferMade offer = (OfferMade) accepted(decision).get(0);
    assertThat(offer.pkg().choices().keySet()).containsExactly("quota", "season");
    assertThat(offer.pkg()).isEqualTo(MID_LONG);
  }

  @Test
  void decide_proposeEndingTheRound_bringsTheNextRoundsNews() {
    GameState state = given(UNTIMED, started(),
        List.of(new OfferMade(NORTH, HIGH_SHORT), new TurnChanged(1, 1, SOUTH, Optional.empty())));

    Decision decision = Rules.decide(state, new Move.Propose(SOUTH, LOW_SHORT, T0));

    thenEvents(decision,
        new OfferMade(SOUTH, LOW_SHORT),
        new TurnChanged(2, 2, NORTH, Optional.empty()),
        new NewsArrived("storm"));
  }

  @Test
  void apply_proposal_replacesTheOfferOnTheTable() {
    GameState state = given(UNTIMED, started(),
        List.of(new OfferMade(NORTH, HIGH_SHORT), new TurnChanged(1, 1, SOUTH, Optional.empty()),
            new OfferMade(SOUTH, LOW_SHORT)));

    assertThat(state.onTable()).contains(new Offer(SOUTH, LOW_SHORT));
  }

  @Test
  void decide_proposeIncompletePackage_isRejectedListingTheMissingIssue() {
    GameState state = given(UNTIMED, started());

    Rejection r = thenRejected(
        Rules.decide(state, new Move.Propose(NORTH, Package.of("quota", "mid"), T0)),
        RejectionCode.INVALID_PACKAGE);

    assertThat(r.details()).singleElement().asString().contains("season");
    assertThat(r.message()).contains("season");
  }

  @Test
  void decide_proposeEmptyPackage_isRejectedListingEveryIssue() {
    GameState state = given(UNTIMED, started());

    Rejection r = thenRejected(
        Rules.decide(state, new Move.Propose(NORTH, Package.of(), T0)),
        RejectionCode.INVALID_PACKAGE);

    assertThat(r.details()).hasSize(2);
    assertThat(r.details()).anySatisfy(d -> assertThat(d).contains("quota"));
    assertThat(r.details()).anySatisfy(d -> assertThat(d).contains("season"));
  }

  @Test
  void decide_proposeUnknownOption_isRejectedNamingIt() {
    GameState state = given(UNTIMED, started());

    Rejection r = thenRejected(Rules.decide(state,
            new Move.Propose(NORTH, MID_LONG.with("quota", "huge"), T0)),
        RejectionCode.INVALID_PACKAGE);

    assertThat(r.details()).singleElement().asString().contains("huge").contains("quota");
  }

  @Test
  void decide_proposeUnknownIssue_isRejectedNamingIt() {
    GameState state = given(UNTIMED, started());

    Rejection r = thenRejected(Rules.decide(state,
            new Move.Propose(NORTH, MID_LONG.with("weather", "fair"), T0)),
        RejectionCode.INVALID_PACKAGE);

    assertThat(r.details()).singleElement().asString().contains("weather");
  }

  @Test
  void decide_proposeOutOfTurn_isRejected() {
    GameState state = given(UNTIMED, started());

    thenRejected(Rules.decide(state, new Move.Propose(SOUTH, MID_LONG, T0)),
        RejectionCode.NOT_YOUR_TURN);
  }

  @Test
  void decide_acceptOrWalkAwayOutOfTurn_isRejected() {
    GameState state = given(UNTIMED, started(),
        List.of(new OfferMade(NORTH, MID_LONG), new TurnChanged(1, 1, SOUTH, Optional.empty())));

    thenRejected(Rules.decide(state, new Move.Accept(NORTH, T0)), RejectionCode.NOT_YOUR_TURN);
    thenRejected(Rules.decide(state, new Move.WalkAway(NORTH, T0)), RejectionCode.NOT_YOUR_TURN);
  }

  @Test
  void decide_moveByUnknownRole_isRejected() {
    GameState state = given(UNTIMED, started());

    thenRejected(Rules.decide(state, new Move.Propose("east", MID_LONG, T0)),
        RejectionCode.UNKNOWN_ROLE);
    thenRejected(Rules.decide(state, new Move.Accept("east", T0)), RejectionCode.UNKNOWN_ROLE);
    thenRejected(Rules.decide(state, new Move.WalkAway("east", T0)), RejectionCode.UNKNOWN_ROLE);
    thenRejected(Rules.decide(state, new Move.Say("east", "hi", T0)), RejectionCode.UNKNOWN_ROLE);
  }

  // ---- accept ----

  @Test
  void decide_acceptWithNothingOnTheTable_isRejected() {
    thenRejected(Rules.decide(given(UNTIMED, started()), new Move.Accept(NORTH, T0)),
        RejectionCode.NOTHING_TO_ACCEPT);
  }

  @Test
  void decide_acceptYourOwnOffer_isRejected() {
    // South let its turn run out, so North's own offer is still on the table on North's turn.
    GameState state = given(TIMED, startedTimed(), List.of(
        new OfferMade(NORTH, MID_LONG),
        new TurnChanged(1, 1, SOUTH, Optional.of(T0.plus(LIMIT.multipliedBy(2)))),
        new TurnTimedOut(SOUTH),
        new TurnChanged(2, 2, NORTH, Optional.of(T0.plus(LIMIT.multipliedBy(3)))),
        new NewsArrived("storm")));

    thenRejected(Rules.decide(state, new Move.Accept(NORTH, T0.plus(LIMIT))),
        RejectionCode.OWN_OFFER);
  }

  @Test
  void decide_acceptOtherSidesOffer_endsInAgreementScoredOnBasePoints() {
    GameState state = given(UNTIMED, started(),
        List.of(new OfferMade(NORTH, MID_LONG), new TurnChanged(1, 1, SOUTH, Optional.empty())));

    Decision decision = Rules.decide(state, new Move.Accept(SOUTH, T0));

    thenEvents(decision, new GameEnded(new Result(Outcome.AGREEMENT, Optional.of(MID_LONG),
        ImmutableMap.of(NORTH, 70, SOUTH, 30), Optional.of(SOUTH))));
  }

  @Test
  void decide_acceptAfterNewsChangedThePoints_scoresUnderPointsInForce() {
    GameState state = given(UNTIMED, started(), List.of(
        new OfferMade(NORTH, HIGH_SHORT),
        new TurnChanged(1, 1, SOUTH, Optional.empty()),
        new OfferMade(SOUTH, MID_LONG),
        new TurnChanged(2, 2, NORTH, Optional.empty()),
        new NewsArrived("storm")));
    // The storm must matter for this package, or the test proves nothing.
    assertThat(FISHING.pointsOf(NORTH).score(MID_LONG)).isEqualTo(70);
    assertThat(FISHING.pointsOf(SOUTH).score(MID_LONG)).isEqualTo(30);

    Decision decision = Rules.decide(state, new Move.Accept(NORTH, T0));

    thenEvents(decision, new GameEnded(new Result(Outcome.AGREEMENT, Optional.of(MID_LONG),
        ImmutableMap.of(NORTH, 80, SOUTH, 35), Optional.of(NORTH))));
  }

  @Test
  void apply_agreement_endsTheGameWithTheResult() {
    Result result = new Result(Outcome.AGREEMENT, Optional.of(MID_LONG),
        ImmutableMap.of(NORTH, 70, SOUTH, 30), Optional.of(SOUTH));

    GameState state = given(UNTIMED, started(), List.of(new OfferMade(NORTH, MID_LONG),
        new TurnChanged(1, 1, SOUTH, Optional.empty()), new GameEnded(result)));

    assertThat(state.isOver()).isTrue();
    assertThat(state.result()).contains(result);
    assertThat(state.toMove()).isEmpty();
    assertThat(state.deadline()).isEmpty();
  }

  // ---- walk away and deadline ----

  @Test
  void decide_walkAway_endsWithoutAgreementAtReservationValues() {
    GameState state = given(UNTIMED, started(),
        List.of(new OfferMade(NORTH, MID_LONG), new TurnChanged(1, 1, SOUTH, Optional.empty())));

    Decision decision = Rules.decide(state, new Move.WalkAway(SOUTH, T0));

    thenEvents(decision, new GameEnded(new Result(Outcome.WALK_OUT, Optional.empty(),
        ImmutableMap.of(NORTH, NORTH_RV, SOUTH, SOUTH_RV), Optional.of(SOUTH))));
  }

  @Test
  void decide_proposeOnTheLastTurn_endsAtTheDeadlineWithReservationValues() {
    GameState state = given(UNTIMED, started(), lastTurn(Optional.empty()));

    Decision decision = Rules.decide(state, new Move.Propose(SOUTH, LOW_SHORT, T0));

    thenEvents(decision,
        new OfferMade(SOUTH, LOW_SHORT),
        new GameEnded(new Result(Outcome.DEADLINE, Optional.empty(),
            ImmutableMap.of(NORTH, NORTH_RV, SOUTH, SOUTH_RV), Optional.empty())));
  }

  @Test
  void decide_timeOutOnTheLastTurn_endsAtTheDeadline() {
    Instant deadline = T0.plus(LIMIT.multipliedBy(4));
    GameState state = given(TIMED, startedTimed(), lastTurn(Optional.of(deadline)));

    Decision decision = Rules.decide(state, new Move.TimeOut(deadline));

    thenEvents(decision,
        new TurnTimedOut(SOUTH),
        new GameEnded(new Result(Outcome.DEADLINE, Optional.empty(),
            ImmutableMap.of(NORTH, NORTH_RV, SOUTH, SOUTH_RV), Optional.empty())));
  }

  @Test
  void decide_acceptOnTheLastTurn_stillAgrees() {
    GameState state = given(UNTIMED, started(), lastTurn(Optional.empty()));

    Decision decision = Rules.decide(state, new Move.Accept(SOUTH, T0));

    // North's HIGH_SHORT is on the table: 60 for North, 40 for South, untouched by the storm.
    thenEvents(decision, new GameEnded(new Result(Outcome.AGREEMENT, Optional.of(HIGH_SHORT),
        ImmutableMap.of(NORTH, 60, SOUTH, 40), Optional.of(SOUTH))));
  }

  // ---- before the start and after the end ----

  @Test
  void decide_turnMovesBeforeTheStart_areRejected() {
    GameState state = given(TIMED);

    for (Move move : List.of(
        new Move.Propose(NORTH, MID_LONG, T0),
        new Move.Accept(NORTH, T0),
        new Move.WalkAway(NORTH, T0),
        new Move.TimeOut(T0.plus(LIMIT)),
        new Move.RestartClock(T0))) {
      assertThat(rejection(Rules.decide(state, move)).code()).as("%s", move)
          .isEqualTo(RejectionCode.GAME_NOT_STARTED);
    }
  }

  @Test
  void decide_sayBeforeTheStart_postsTheMessage() {
    thenEvents(Rules.decide(given(UNTIMED), new Move.Say(SOUTH, "Ready when you are.", T0)),
        new ChatPosted(SOUTH, "Ready when you are."));
  }

  @Test
  void decide_everyMoveAfterTheGameEnded_isRejected() {
    GameState state = given(TIMED, startedTimed(),
        List.of(new GameEnded(new Result(Outcome.WALK_OUT, Optional.empty(),
            ImmutableMap.of(NORTH, NORTH_RV, SOUTH, SOUTH_RV), Optional.of(NORTH)))));

    for (Move move : List.of(
        take(NORTH, "Again"),
        new Move.Propose(NORTH, MID_LONG, T0),
        new Move.Propose(SOUTH, MID_LONG, T0),
        new Move.Accept(SOUTH, T0),
        new Move.WalkAway(NORTH, T0),
        new Move.Say(SOUTH, "Wait!", T0),
        new Move.TimeOut(T0.plus(Duration.ofDays(1))),
        new Move.RestartClock(T0))) {
      assertThat(rejection(Rules.decide(state, move)).code()).as("%s", move)
          .isEqualTo(RejectionCode.GAME_OVER);
    }
  }

  // ---- chat ----

  @Test
  void decide_sayDuringTheOtherSidesTurn_postsWithoutUsingATurn() {
    GameState state = given(UNTIMED, started());

    Decision decision = Rules.decide(state, new Move.Say(SOUTH, "We can be flexible.", T0));

    thenEvents(decision, new ChatPosted(SOUTH, "We can be flexible."));
    assertThat(Rules.applyAll(state, accepted(decision))).isEqualTo(state);
  }

  @Test
  void decide_sayEmptyOrBlank_isRejected() {
    GameState state = given(UNTIMED, started());

    thenRejected(Rules.decide(state, new Move.Say(NORTH, "", T0)), RejectionCode.INVALID_TEXT);
    thenRejected(Rules.decide(state, new Move.Say(NORTH, " \t\n", T0)),
        RejectionCode.INVALID_TEXT);
  }

  @Test
  void decide_sayTooLong_isRejectedAndTheLongestAllowedIsPosted() {
    GameState state = given(UNTIMED, started());
    String longest = "x".repeat(Rules.MAX_CHAT_CODE_POINTS);

    thenRejected(Rules.decide(state, new Move.Say(NORTH, longest + "x", T0)),
        RejectionCode.TEXT_TOO_LONG);
    thenEvents(Rules.decide(state, new Move.Say(NORTH, longest, T0)),
        new ChatPosted(NORTH, longest));
  }

  @Test
  void decide_sayWithAnEmojiAtTheLimit_countsCodePointsNotUtf16Units() {
    GameState state = given(UNTIMED, started());
    // 499 letters and one emoji: 500 code points, 501 UTF-16 units.
    String text = "x".repeat(Rules.MAX_CHAT_CODE_POINTS - 1) + "\uD83D\uDE00";

    thenEvents(Rules.decide(state, new Move.Say(NORTH, text, T0)), new ChatPosted(NORTH, text));
    Rejection tooLong = rejection(Rules.decide(state, new Move.Say(NORTH, text + "x", T0)));
    assertThat(tooLong.message()).contains("code points").contains("501");
  }

  // ---- clock ----

  @Test
  void decide_timeOutBeforeTheDeadline_isRejected() {
    GameState state = given(TIMED, startedTimed());

    thenRejected(Rules.decide(state, new Move.TimeOut(T0.plus(LIMIT).minusMillis(1))),
        RejectionCode.TURN_NOT_EXPIRED);
  }

  @Test
  void decide_timeOutAtTheDeadline_passesTheTurnWithAFreshDeadline() {
    GameState state = given(TIMED, startedTimed());
    Instant deadline = T0.plus(LIMIT);

    Decision decision = Rules.decide(state, new Move.TimeOut(deadline));

    thenEvents(decision,
        new TurnTimedOut(NORTH),
        new TurnChanged(1, 1, SOUTH, Optional.of(deadline.plus(LIMIT))));
  }

  @Test
  void decide_timeOutAfterTheDeadline_keepsTheOfferOnTheTable() {
    Instant offeredAt = T0.plusSeconds(10);
    GameState state = given(TIMED, startedTimed(), List.of(
        new OfferMade(NORTH, MID_LONG),
        new TurnChanged(1, 1, SOUTH, Optional.of(offeredAt.plus(LIMIT)))));
    Instant late = offeredAt.plus(LIMIT).plusSeconds(5);

    Decision decision = Rules.decide(state, new Move.TimeOut(late));

    thenEvents(decision,
        new TurnTimedOut(SOUTH),
        new TurnChanged(2, 2, NORTH, Optional.of(late.plus(LIMIT))),
        new NewsArrived("storm"));
    GameState after = Rules.applyAll(state, accepted(decision));
    assertThat(after.onTable()).contains(new Offer(NORTH, MID_LONG));
    assertThat(after.toMove()).contains(NORTH);
  }

  @Test
  void decide_timeOutInAnUntimedGame_isRejected() {
    thenRejected(Rules.decide(given(UNTIMED, started()), new Move.TimeOut(T0.plusSeconds(3600))),
        RejectionCode.UNTIMED_GAME);
  }

  @Test
  void decide_restartClockInAnUntimedGame_isRejected() {
    thenRejected(Rules.decide(given(UNTIMED, started()), new Move.RestartClock(T0)),
        RejectionCode.UNTIMED_GAME);
  }

  @Test
  void decide_restartClock_setsTheDeadlineOneLimitAfterTheRestart() {
    GameState state = given(TIMED, startedTimed());
    Instant restart = T0.plusSeconds(3600);

    Decision decision = Rules.decide(state, new Move.RestartClock(restart));

    thenEvents(decision, new ClockRestarted(restart.plus(LIMIT)));
    GameState after = Rules.applyAll(state, accepted(decision));
    assertThat(after.deadline()).contains(restart.plus(LIMIT));
    assertThat(after.toMove()).isEqualTo(state.toMove());
    assertThat(after.turn()).isEqualTo(state.turn());
    thenRejected(Rules.decide(after, new Move.TimeOut(restart.plus(LIMIT).minusSeconds(1))),
        RejectionCode.TURN_NOT_EXPIRED);
  }

  // ---- given / then ----

  private static GameState given(GameSettings settings) {
    return GameState.initial(FISHING, settings);
  }

  private static GameState given(GameSettings settings, List<Event> events) {
    return Rules.applyAll(given(settings), events);
  }

  private static GameState given(GameSettings settings, List<Event> start, List<Event> more) {
    List<Event> events = new ArrayList<>(start);
    events.addAll(more);
    return given(settings, events);
  }

  private static Move.TakeSeat take(String role, String name) {
    return new Move.TakeSeat(role, name, Optional.empty(), TOKEN, T0);
  }

  private static List<Event> northSeated() {
    return List.of(new SeatTaken(NORTH, "Aiko", Optional.empty(), TOKEN));
  }

  private static List<Event> started() {
    return List.of(new SeatTaken(NORTH, "Aiko", Optional.empty(), TOKEN),
        new SeatTaken(SOUTH, "Boris", Optional.empty(), TOKEN),
        new GameStarted(T0), new TurnChanged(0, 1, NORTH, Optional.empty()),
        new NewsArrived("opening"));
  }

  private static List<Event> startedTimed() {
    return List.of(new SeatTaken(NORTH, "Aiko", Optional.empty(), TOKEN),
        new SeatTaken(SOUTH, "Boris", Optional.empty(), TOKEN),
        new GameStarted(T0), new TurnChanged(0, 1, NORTH, Optional.of(T0.plus(LIMIT))),
        new NewsArrived("opening"));
  }

  /** After {@link #started}: three offers, South to move on turn 3 (the last), HIGH_SHORT on the table. */
  private static List<Event> lastTurn(Optional<Instant> deadline) {
    return List.of(
        new OfferMade(NORTH, MID_LONG),
        new TurnChanged(1, 1, SOUTH, deadline.map(d -> d.minus(LIMIT.multipliedBy(2)))),
        new OfferMade(SOUTH, LOW_SHORT),
        new TurnChanged(2, 2, NORTH, deadline.map(d -> d.minus(LIMIT))),
        new NewsArrived("storm"),
        new OfferMade(NORTH, HIGH_SHORT),
        new TurnChanged(3, 2, SOUTH, deadline));
  }

  private static void thenEvents(Decision decision, Event... expected) {
    assertThat(accepted(decision)).containsExactly(expected);
  }

  private static ImmutableList<Event> accepted(Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Accepted.class);
    return ((Decision.Accepted) decision).events();
  }

  private static Rejection rejection(Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Rejected.class);
    return ((Decision.Rejected) decision).rejection();
  }

  private static Rejection thenRejected(Decision decision, RejectionCode code) {
    Rejection r = rejection(decision);
    assertThat(r.code()).isEqualTo(code);
    assertThat(r.message()).isNotBlank();
    return r;
  }
}
