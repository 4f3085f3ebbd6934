package org.hikiwake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.hikiwake.proto.game.GameOutcome;
import org.hikiwake.proto.game.GameResult;
import org.hikiwake.proto.game.RoleScore;
import org.hikiwake.proto.wire.GameList;
import org.hikiwake.proto.wire.GamePhase;
import org.hikiwake.proto.wire.GameSummary;
import org.hikiwake.proto.wire.SeatInfo;
import org.junit.jupiter.api.Test;

class GamesCommandTest {
  @Test
  void table_endedGame_showsOutcomeAndScores() {
    GameList list = GameList.newBuilder().addGames(GameSummary.newBuilder()
        .setGameCode("QD8W-HDY8").setScenarioId("japan-russia-2013")
        .setPhase(GamePhase.GAME_PHASE_ENDED).setRound(2).setRounds(3)
        .addSeats(SeatInfo.newBuilder().setRole("japan").setTaken(true).setDisplayName("Aiko"))
        .addSeats(SeatInfo.newBuilder().setRole("russia").setTaken(true).setDisplayName("Boris")
            .setConnected(true))
        .setResult(GameResult.newBuilder().setOutcome(GameOutcome.GAME_OUTCOME_WALK_OUT)
            .addScores(RoleScore.newBuilder().setRole("japan").setScore(48))
            .addScores(RoleScore.newBuilder().setRole("russia").setScore(75))))
        .build();
    assertThat(GamesCommand.table(list)).containsExactly(
        "CODE       SCENARIO           STATE  ROUND  SEATS                              RESULT",
        "QD8W-HDY8  japan-russia-2013  ended  2/3    japan: Aiko (away), russia: Boris  walk-out"
            + " (japan 48, russia 75)");
  }
}
