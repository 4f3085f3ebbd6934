package org.hikiwake.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.hikiwake.proto.game.RoleScore;
import org.hikiwake.proto.wire.ClassBoard;
import org.hikiwake.proto.wire.ClassGameRow;
import org.hikiwake.proto.wire.ClassPhase;
import org.hikiwake.proto.wire.GamePhase;
import org.hikiwake.proto.wire.SeatInfo;
import org.hikiwake.proto.wire.StudentInfo;
import org.junit.jupiter.api.Test;

class BoardTextTest {
  private static final long NOW = 1_000_000_000L;

  private static SeatInfo seat(String role, String name, String player, boolean connected) {
    return SeatInfo.newBuilder().setRole(role).setRoleName(name).setTaken(true)
        .setDisplayName(player).setConnected(connected).build();
  }

  private static ClassBoard board(int games) {
    ClassBoard.Builder b = ClassBoard.newBuilder().setClassCode("K7MX-Q2PA")
        .setScenarioTitle("Hikiwake: Japan and Russia after the first 2+2 (late 2013)")
        .setPhase(ClassPhase.CLASS_PHASE_RUNNING).addWaiting("Hana")
        .setEndsAtMillis(NOW + 600_000);
    for (int i = 0; i < games; i++) {
      b.addGames(ClassGameRow.newBuilder().setGameCode("GAME-" + i)
          .addSeats(seat("japan", "Japan", "Maximiliana Fernández-Oyelaran " + i, i % 3 != 0))
          .addSeats(seat("russia", "Russia", "Boris " + i, true))
          .setPhase(GamePhase.GAME_PHASE_IN_PROGRESS).setRound(2).setRounds(6).setTurn(3)
          .setToMove("russia").setDeadlineMillis(NOW + 83_000).setPaused(i == 1)
          .addOnTablePoints(RoleScore.newBuilder().setRole("japan").setScore(57))
          .addOnTablePoints(RoleScore.newBuilder().setRole("russia").setScore(82)));
      b.addStudents(StudentInfo.newBuilder().setName("Boris " + i).setConnected(i % 3 != 0));
    }
    return b.build();
  }

  @Test
  void lines_fifteenGamesWithLongNames_fitEightyColumns() {
    var lines = BoardText.lines(board(15), NOW);

    assertThat(lines).hasSize(15 + 5);
    assertThat(lines).allSatisfy(l -> assertThat(l.codePointCount(0, l.length()))
        .isLessThanOrEqualTo(BoardText.WIDTH));
    assertThat(lines.get(1)).contains("15 games").contains("10:00 left");
    assertThat(lines.get(2)).contains("Waiting (1): Hana");
  }

  @Test
  void lines_rows_markDisconnectedPausedTimeAndBothSidesPoints() {
    var lines = BoardText.lines(board(2), NOW);

    String first = lines.get(4);
    String second = lines.get(5);
    assertThat(first).contains("*").contains("Russia").contains("1:23").contains("57/82")
        .contains("negotiating");
    assertThat(second).doesNotContain("*").contains("paused");
    assertThat(lines.get(1)).contains("2 games: 0 deals");
    assertThat(BoardText.lines(board(1), NOW).get(1)).contains("1 game: 0 deals");
  }

  @Test
  void lines_noGamesYet_saysHowToStart() {
    ClassBoard open = ClassBoard.newBuilder().setClassCode("K7MX-Q2PA")
        .setPhase(ClassPhase.CLASS_PHASE_OPEN).build();

    assertThat(BoardText.lines(open, NOW)).last().asString().contains("hikiwake class start");
  }
}
