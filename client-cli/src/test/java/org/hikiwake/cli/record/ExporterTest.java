package org.hikiwake.cli.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import java.util.Arrays;
import java.util.List;
import org.hikiwake.codec.recording.RecordedGames;
import org.hikiwake.codec.recording.ReplayedRecording;
import org.hikiwake.proto.export.GameExport;
import org.hikiwake.proto.game.GameOutcome;
import org.junit.jupiter.api.Test;

class ExporterTest {
  private final ReplayedRecording game = RecordedGames.agreement().replayed();

  @Test
  void json_isTheExportDocumentWithEveryField() throws Exception {
    String json = Exporter.json(game);
    GameExport.Builder back = GameExport.newBuilder();
    JsonFormat.parser().merge(json, back);
    assertThat(back.build()).isEqualTo(org.hikiwake.codec.export.GameExports.of(game));
    assertThat(back.getResult().getOutcome()).isEqualTo(GameOutcome.GAME_OUTCOME_AGREEMENT);
    assertThat(json).contains("\"game_code\": \"K7MX-Q2PA\"", "\"complete\": true",
        "\"dominated\": false", "\"kind\": \"offer_made\"").doesNotContain("token");
  }

  @Test
  void csv_oneRowPerMoveWithBothSidesPoints() {
    List<String> rows = Arrays.asList(Exporter.csv(game).split("\r\n"));
    assertThat(rows.get(0)).isEqualTo("seq,at,round,role,move,territory,peace_treaty,energy,"
        + "far_east,security,missile_defence,japan_points,russia_points");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1)).startsWith("6,2025-01-06T09:00:40Z,1,japan,offer,two_islands_plus,")
        .endsWith(",57,82");
    assertThat(rows.get(2)).contains(",1,russia,accept,two_islands_plus,").endsWith(",57,82");
  }

  @Test
  void csvCell_formulaOrSeparator_isKeptAsText() {
    assertThat(Exporter.csvCell("=1+1")).isEqualTo("'=1+1");
    assertThat(Exporter.csvCell("a,\"b\"")).isEqualTo("\"a,\"\"b\"\"\"");
  }

  @Test
  void markdown_isATranscriptThenTheOutcome() {
    String md = Exporter.markdown(game);
    assertThat(md).startsWith("# Game K7MX-Q2PA: Hikiwake")
        .contains("## Transcript", "[0:40] Japan offers (Japan 57, Russia 82):",
            "## Outcome and analysis");
    String outcome = md.substring(md.indexOf("## Outcome and analysis"));
    assertThat(outcome).contains("=== Game over: AGREEMENT. Russia accepted Japan's offer. ===",
        "Debrief (under the points in force at the end):");
    assertThat(md.substring(0, md.indexOf("## Outcome"))).doesNotContain("Game over");
  }
}
