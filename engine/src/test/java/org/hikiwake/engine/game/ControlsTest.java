package org.hikiwake.engine.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hikiwake.engine.game.GameFixtures.NORTH;
import static org.hikiwake.engine.game.GameFixtures.NORTH_RV;
import static org.hikiwake.engine.game.GameFixtures.SOUTH;
import static org.hikiwake.engine.game.GameFixtures.SOUTH_RV;

import com.google.common.collect.ImmutableMap;
import com.google.common.hash.HashCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.Scenario;
import org.junit.jupiter.api.Test;

/** The instructor's controls, decided like moves: given a game, when a control, then events. */
class ControlsTest {
  private static final Scenario FISHING = GameFixtures.fishing();
  private static final Instant T0 = Instant.parse("2014-01-01T10:00:00Z");
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final HashCode TOKEN = HashCode.fromString("00ff00ff00ff00ff");
  private static final Package MID_LONG = Package.of("quota", "mid", "season", "long");

  @Test
  void releaseNews_beforeItsRound_arrivesNowAndNotAgainInItsRound() {
    GameState state = started(GameSettings.untimed(2));

    state = play(state, new Move.ReleaseNews("storm", T0));
    assertThat(state.newsArrived()).containsExactly("opening", "storm");
    assertThat(state.pointsOf(NORTH).points("quota", "mid")).isEqualTo(40);

    state = play(state, new Move.Propose(NORTH, MID_LONG, T0));
    List<Event> roundTwo = events(state, new Move.Propose(SOUTH, MID_LONG, T0));
    assertThat(roundTwo).noneMatch(e -> e instanceof Event.NewsArrived);
  }

  @Test
  void releaseNews_unknownOrAlreadyArrived_isRejected() {
    GameState state = started(GameSettings.untimed(2));

    assertThat(rejection(state, new Move.ReleaseNews("tsunami", T0)).code())
        .isEqualTo(RejectionCode.UNKNOWN_NEWS);
    assertThat(rejection(state, new Move.ReleaseNews("opening", T0)).code())
        .isEqualTo(RejectionCode.NEWS_ALREADY_ARRIVED);
  }

  @Test
  void pause_stopsTurnMovesAndTheClockButNotChat() {
    GameState state = play(started(GameSettings.timed(2, LIMIT)), new Move.Pause(T0.plusSeconds(10)));

    assertThat(state.isPaused()).isTrue();
    assertThat(rejection(state, new Move.Propose(NORTH, MID_LONG, T0)).code())
        .isEqualTo(RejectionCode.GAME_PAUSED);
    assertThat(rejection(state, new Move.TimeOut(T0.plus(LIMIT.multipliedBy(5)))).code())
        .isEqualTo(RejectionCode.GAME_PAUSED);
    assertThat(Rules.decide(state, new Move.Say(SOUTH, "coffee?", T0)).isAccepted()).isTrue();
    assertThat(rejection(state, new Move.Pause(T0)).code()).isEqualTo(RejectionCode.PAUSE_STATE);
  }

  @Test
  void resume_afterAPause_keepsTheTimeTheSideToMoveHadLeft() {
    GameState state = started(GameSettings.timed(2, LIMIT));
    Instant deadline = state.deadline().orElseThrow();
    state = play(state, new Move.Pause(T0.plusSeconds(10)));

    List<Event> resumed = events(state, new Move.Resume(T0.plusSeconds(310)));

    assertThat(resumed).containsExactly(new Event.Resumed(T0.plusSeconds(310),
        Optional.of(deadline.plusSeconds(300))));
    GameState after = Rules.applyAll(state, resumed);
    assertThat(after.isPaused()).isFalse();
    assertThat(Rules.decide(after, new Move.Propose(NORTH, MID_LONG, T0)).isAccepted()).isTrue();
    assertThat(rejection(after, new Move.Resume(T0)).code()).isEqualTo(RejectionCode.PAUSE_STATE);
  }

  @Test
  void extend_addsRoundsSoTheDeadlineComesLater() {
    GameState state = play(started(GameSettings.untimed(1)), new Move.Extend(2, T0));

    assertThat(state.settings().rounds()).isEqualTo(3);
    state = play(state, new Move.Propose(NORTH, MID_LONG, T0));
    state = play(state, new Move.Propose(SOUTH, MID_LONG, T0));
    assertThat(state.isOver()).as("round 1 of 1 would have ended it").isFalse();
    assertThat(state.round()).isEqualTo(2);
    assertThat(rejection(state, new Move.Extend(0, T0)).code())
        .isEqualTo(RejectionCode.BAD_EXTENSION);
    assertThat(rejection(state, new Move.Extend(GameSettings.MAX_ROUNDS, T0)).code())
        .isEqualTo(RejectionCode.BAD_EXTENSION);
  }

  @Test
  void end_asDeadlineOrAbandoned_endsWithReservationValues() {
    for (Outcome outcome : List.of(Outcome.DEADLINE, Outcome.ABANDONED)) {
      GameState state = play(started(GameSettings.untimed(2)), new Move.End(outcome, T0));

      assertThat(state.result()).contains(new Result(outcome, Optional.empty(),
          ImmutableMap.of(NORTH, NORTH_RV, SOUTH, SOUTH_RV), Optional.empty()));
      assertThat(rejection(state, new Move.End(outcome, T0)).code())
          .isEqualTo(RejectionCode.GAME_OVER);
    }
  }

  @Test
  void releaseSeat_thenTakeItAgain_seatsTheNewPlayerWithoutRestarting() {
    GameState state = play(started(GameSettings.untimed(2)), new Move.Propose(NORTH, MID_LONG, T0));
    state = play(state, new Move.ReleaseSeat(SOUTH, T0));
    assertThat(state.seats()).doesNotContainKey(SOUTH);
    assertThat(state.isInProgress()).isTrue();

    HashCode newToken = HashCode.fromString("11223344");
    List<Event> retaken = events(state,
        new Move.TakeSeat(SOUTH, "Boris", Optional.empty(), newToken, T0));

    assertThat(retaken).containsExactly(
        new Event.SeatTaken(SOUTH, "Boris", Optional.empty(), newToken));
    GameState after = Rules.applyAll(state, retaken);
    assertThat(after.turn()).isEqualTo(state.turn());
    assertThat(after.onTable()).isEqualTo(state.onTable());
    assertThat(rejection(state, new Move.ReleaseSeat(SOUTH, T0)).code())
        .isEqualTo(RejectionCode.SEAT_FREE);
  }

  @Test
  void announce_isPostedAndChangesNothing() {
    GameState state = started(GameSettings.untimed(2));

    List<Event> events = events(state, new Move.Announce("Ten minutes left.", T0));

    assertThat(events).containsExactly(new Event.Announced("Ten minutes left."));
    assertThat(Rules.applyAll(state, events)).isEqualTo(state);
    assertThat(rejection(state, new Move.Announce("", T0)).code())
        .isEqualTo(RejectionCode.INVALID_TEXT);
  }

  private static GameState started(GameSettings settings) {
    GameState s = GameState.initial(FISHING, settings);
    s = play(s, new Move.TakeSeat(NORTH, "Aiko", Optional.empty(), TOKEN, T0));
    return play(s, new Move.TakeSeat(SOUTH, "Boris", Optional.empty(), TOKEN, T0));
  }

  private static GameState play(GameState s, Move m) {
    return Rules.applyAll(s, events(s, m));
  }

  private static List<Event> events(GameState s, Move m) {
    Decision d = Rules.decide(s, m);
    assertThat(d.isAccepted()).as("%s: %s", m, d).isTrue();
    return new ArrayList<>(((Decision.Accepted) d).events());
  }

  private static Rejection rejection(GameState s, Move m) {
    Decision d = Rules.decide(s, m);
    assertThat(d).as("%s", m).isInstanceOf(Decision.Rejected.class);
    return ((Decision.Rejected) d).rejection();
  }
}
