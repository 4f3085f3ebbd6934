package org.hikiwake.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hikiwake.proto.game.GameOutcome;
import org.hikiwake.proto.game.GameResult;
import org.hikiwake.proto.game.RoleScore;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.GameOver;
import org.hikiwake.proto.wire.ServerMessage;

/**
 * A whole japan-russia-2013 game played by two well-behaved clients on their
 * own connections, following one of a few scripts whose end is known in
 * advance; {@link #play} checks that both players saw exactly that end.
 */
public enum HonestGame {
  /** Japan offers the Nash package; Russia accepts it in round 1. */
  AGREEMENT_ROUND_1(GameOutcome.GAME_OUTCOME_AGREEMENT, 57, 82, "russia"),
  /**
   * Japan asks for four islands, Russia counters with the Nash package and
   * Japan accepts in round 2, after the China news raised Japan's score.
   */
  AGREEMENT_ROUND_2(GameOutcome.GAME_OUTCOME_AGREEMENT, 62, 82, "japan"),
  /** Japan offers; Russia walks away. */
  WALK_OUT(GameOutcome.GAME_OUTCOME_WALK_OUT, 24, 55, "russia"),
  /** Twelve offers and no acceptance: six rounds run out. */
  DEADLINE(GameOutcome.GAME_OUTCOME_DEADLINE, 24, 55, "");

  public static final String SCENARIO = "japan-russia-2013";
  public static final String[] NASH = {"territory", "two_islands_plus", "peace_treaty",
      "roadmap", "energy", "lng_and_pipeline", "far_east", "major", "security",
      "full_fact_sheet", "missile_defence", "no_statement"};
  public static final String[] FOUR_ISLANDS = {"territory", "four_islands", "peace_treaty",
      "treaty_signed", "energy", "none", "far_east", "none", "security", "dialogue_only",
      "missile_defence", "no_statement"};
  public static final String[] STATUS_QUO = {"territory", "status_quo", "peace_treaty", "none",
      "energy", "lng_and_pipeline", "far_east", "major", "security", "dialogue_only",
      "missile_defence", "written_assurance"};

  private final GameOutcome outcome;
  private final int japanScore;
  private final int russiaScore;
  private final String endedBy;

  HonestGame(GameOutcome outcome, int japanScore, int russiaScore, String endedBy) {
    this.outcome = outcome;
    this.japanScore = japanScore;
    this.russiaScore = russiaScore;
    this.endedBy = endedBy;
  }

  public GameOutcome outcome() {
    return outcome;
  }

  /** The scores this script must end with, by role. */
  public Map<String, Integer> scores() {
    return Map.of("japan", japanScore, "russia", russiaScore);
  }

  /** Checks a result against this script's known end. */
  public void check(GameResult result) {
    assertThat(result.getOutcome()).as("%s outcome", this).isEqualTo(outcome);
    assertThat(result.getScoresList()).as("%s scores", this).containsExactly(
        RoleScore.newBuilder().setRole("japan").setScore(japanScore).build(),
        RoleScore.newBuilder().setRole("russia").setScore(russiaScore).build());
    assertThat(result.getEndedBy()).as("%s ended by", this).isEqualTo(endedBy);
  }

  /** Plays this script on a fresh game on the server at {@code port}; returns the end. */
  public GameOver play(int port) throws InterruptedException {
    try (TestClient japan = TestClient.connect(port);
        TestClient russia = TestClient.connect(port)) {
      String code = japan.create(SCENARIO, 0, 0);
      return playIn(code, japan, russia);
    }
  }

  /** Plays this script in a created game with two connected, unseated clients. */
  public GameOver playIn(String code, TestClient japan, TestClient russia)
      throws InterruptedException {
    expectJoined(japan.join(code, "japan", "Aiko"));
    expectJoined(russia.join(code, "russia", "Boris"));
    japan.awaitEvent(EventView::hasTurnChanged);
    switch (this) {
      case AGREEMENT_ROUND_1:
        expectDone(japan.propose(NASH));
        expectDone(russia.accept());
        break;
      case AGREEMENT_ROUND_2:
        expectDone(japan.propose(FOUR_ISLANDS));
        expectDone(russia.propose(NASH));
        expectDone(japan.accept());
        break;
      case WALK_OUT:
        expectDone(japan.propose(FOUR_ISLANDS));
        expectDone(russia.walkAway());
        break;
      case DEADLINE:
        for (int round = 1; round <= 6; round++) {
          expectDone(japan.propose(FOUR_ISLANDS));
          expectDone(russia.propose(STATUS_QUO));
        }
        break;
      default:
        throw new AssertionError(this);
    }
    GameOver japanEnd = japan.awaitEvent(EventView::hasGameEnded).getGameEnded();
    GameOver russiaEnd = russia.awaitEvent(EventView::hasGameEnded).getGameEnded();
    check(japanEnd.getResult());
    assertThat(russiaEnd).as("both players see the same end").isEqualTo(japanEnd);
    return japanEnd;
  }

  static void expectJoined(ServerMessage m) {
    assertThat(m.hasJoined()).as("joined: %s", m).isTrue();
  }

  static void expectDone(ServerMessage m) {
    assertThat(m.hasDone()).as("done: %s", m).isTrue();
  }
}
