package org.hikiwake.cli.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hikiwake.codec.recording.RecordedGames;
import org.hikiwake.codec.recording.ReplayedRecording;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.view.Viewer;
import org.junit.jupiter.api.Test;

class ReplayTextTest {
  private static List<String> all(ViewedReplay r) {
    List<String> out = new ArrayList<>(ReplayText.header(r));
    for (ViewedReplay.Step s : r.steps()) {
      out.addAll(ReplayText.step(r, s));
    }
    out.addAll(ReplayText.ending(r));
    return out;
  }

  @Test
  void replay_allSides_showsEveryMoveWithBothPointsThenTheDebrief() {
    List<String> lines = all(ViewedReplay.of(RecordedGames.agreement().replayed(),
        Viewer.umpire()));
    assertThat(lines).startsWith("Game K7MX-Q2PA: Hikiwake: Japan and Russia after the first 2+2"
        + " (late 2013) (japan-russia-2013)");
    assertThat(lines).contains(
        "Roles: Japan (reservation value 24), Russia (reservation value 55).",
        "[0:10] Japan seat taken by Aiko.",
        "[0:30] Japan (Aiko) says: Two islands plus, and a treaty?",
        "[0:40] Japan offers (Japan 57, Russia 82):",
        "[0:50] === Game over: AGREEMENT. Russia accepted Japan's offer. ===",
        "Scores: Japan 57 (reservation value 24) | Russia 82 (reservation value 55)",
        "  Nash bargaining package (Japan 57, Russia 82):",
        "  The agreement is on the Pareto frontier: no package is better for both sides.");
  }

  @Test
  void replay_aStandInsMove_saysTheBotPlayedIt() {
    List<String> lines = all(ViewedReplay.of(RecordedGames.japanRussia()
        .seat("japan", "Aiko").seat("russia", "Boris")
        .move("bot:medium", at -> new Move.Propose("japan", RecordedGames.NASH, at))
        .accept("russia").replayed(), Viewer.umpire()));
    assertThat(lines).contains("[0:30] Japan offers (Japan 57, Russia 82): (played by a"
        + " stand-in medium bot)", "[0:40] === Game over: AGREEMENT. Russia accepted Japan's"
        + " offer. ===");
  }

  @Test
  void replay_asOneSide_isTheGameAsThatSideSawIt() {
    List<String> lines = all(ViewedReplay.of(RecordedGames.agreement().replayed(),
        Viewer.player("russia")));
    assertThat(lines).contains("Roles: Japan, Russia (reservation value 55).",
        "[0:40] Japan offers: worth 82 points to you (27 above your reservation value of 55)")
        .doesNotContain("[0:40] Japan offers (Japan 57, Russia 82):");
    // At the end everything is revealed, to every side.
    assertThat(lines).contains(
        "Scores: Japan 57 (reservation value 24) | Russia 82 (reservation value 55)",
        "You scored 82, 27 above your reservation value.",
        // the share the class debrief shows too: 27 of the 39 Russia could gain (94 - 55)
        "That is 0.69 of the most your role could have gained in an agreement (39 points, at"
            + " 94): compare it with other players of your role, not with the other side's"
            + " score.");
  }

  @Test
  void ending_truncatedRecording_saysSoAndAnalysesForAnUmpireOnly() {
    byte[] bytes = RecordedGames.agreement().bytes();
    ReplayedRecording cut = RecordedGames.replayed(Arrays.copyOf(bytes, bytes.length - 7));
    List<String> umpire = ReplayText.ending(ViewedReplay.of(cut, Viewer.umpire()));
    assertThat(umpire).contains("The recording ends before the game did (7 records).",
        "Analysis (points in force where the recording ends):");
    assertThat(umpire).anyMatch(l -> l.startsWith("  Nash bargaining package (Japan 57"));
    assertThat(ReplayText.ending(ViewedReplay.of(cut, Viewer.player("japan"))))
        .containsExactly("", "The recording ends before the game did (7 records).");
  }

  @Test
  void isPause_stopsAtMovesChatAndTheEndOnly() {
    ViewedReplay r = ViewedReplay.of(RecordedGames.agreement().replayed(), Viewer.umpire());
    assertThat(r.steps().stream().filter(ReplayText::isPause).count()).isEqualTo(3);
    assertThat(ReplayText.isEnd(r.steps().get(r.steps().size() - 1))).isTrue();
  }
}
