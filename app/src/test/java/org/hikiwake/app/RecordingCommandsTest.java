package org.hikiwake.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hikiwake.cli.ExitCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay} and {@code export} on a recording made by a real game. */
class RecordingCommandsTest {
  @TempDir
  static Path tmp;

  private static Path recording;
  private static String code;

  @BeforeAll
  static void playAGame() throws Exception {
    ExecutorService pool = Executors.newCachedThreadPool();
    try (TestServer server = TestServer.start(tmp)) {
      code = server.createGame();
      CliRun japan = CliRun.start(pool, server.env("japan"), ScriptInput.of(
          "say Two islands plus, and a treaty?", "offer " + TestServer.NASH),
          "play", code, "--role", "japan", "--name", "Aiko");
      CliRun russia = CliRun.start(pool, server.env("russia"), ScriptInput.of("accept"),
          "play", code, "--role", "russia", "--name", "Boris");
      assertThat(japan.exitCode()).as(japan.toString()).isZero();
      assertThat(russia.exitCode()).as(russia.toString()).isZero();
    } finally {
      pool.shutdownNow();
    }
    // games live in the server's SQLite database; write this one out as a .hwr file
    recording = tmp.resolve(code + ".hwr");
    CliRun written = CliRun.run(Map.of(), "recording", code.toLowerCase(java.util.Locale.ROOT),
        "--data", tmp.resolve("data").toString(), "--out", recording.toString());
    assertThat(written.exitCode()).as(written.toString()).isZero();
    assertThat(written.out()).contains("Wrote game " + code + " to " + recording);
  }

  @AfterAll
  static void forget() {
    recording = null;
  }

  private static CliRun run(String... args) {
    return CliRun.run(Map.of(), args);
  }

  @Test
  void recording_ofAnUnknownGameOrFolder_saysWhatToDo() throws Exception {
    CliRun unknown = run("recording", "ZZZZ-ZZZZ", "--data", tmp.resolve("data").toString());
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.BAD_FILE);
    assertThat(unknown.err()).contains("there is no game ZZZZ-ZZZZ")
        .contains("hikiwake games");
    CliRun noFolder = run("recording", code, "--data", tmp.resolve("nowhere").toString());
    assertThat(noFolder.exitCode()).isEqualTo(ExitCode.BAD_FILE);
    assertThat(noFolder.err()).contains("there is no game database").contains("--data DIR");
  }

  @Test
  void replay_allSides_showsEveryMoveWithBothPointsThenTheAnalysis() throws Exception {
    CliRun run = run("replay", recording.toString(), "--speed", "0");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Game " + code + ": Hikiwake")
        .contains("Japan seat taken by Aiko.")
        .contains("Japan (Aiko) says: Two islands plus, and a treaty?")
        .contains("Japan offers (Japan 57, Russia 82):")
        .containsPattern("territory\\s+= two_islands_plus\\s+18 \\| 46")
        .contains("=== Game over: AGREEMENT. Russia accepted Japan's offer. ===")
        .contains("Scores: Japan 57 (reservation value 24) | Russia 82 (reservation value 55)")
        .contains("Nash bargaining package (Japan 57, Russia 82):")
        .contains("The agreement is on the Pareto frontier");
  }

  @Test
  void replay_asOneSide_showsOnlyThatSidesPoints() throws Exception {
    CliRun run = run("replay", recording.toString(), "--as", "russia", "--speed", "0");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Japan offers: worth 82 points to you (27 above your reservation value of 55)")
        .doesNotContain("Japan offers (Japan 57").doesNotContain("worth 57 points to you");
  }

  @Test
  void replay_unknownRole_isAUsageError() throws Exception {
    CliRun run = run("replay", recording.toString(), "--as", "china");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("--as must be one of japan, russia or all");
  }

  @Test
  void exportJson_holdsSettingsEventsResultAndAnalysis() throws Exception {
    CliRun run = run("export", recording.toString(), "--format", "json");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonObject root = JsonParser.parseString(run.out()).getAsJsonObject();
    assertThat(root.get("game_code").getAsString()).isEqualTo(code);
    assertThat(root.get("scenario_id").getAsString()).isEqualTo("japan-russia-2013");
    assertThat(root.getAsJsonObject("settings").get("rounds").getAsInt()).isEqualTo(6);
    JsonObject result = root.getAsJsonObject("result");
    assertThat(result.get("outcome").getAsString()).isEqualTo("GAME_OUTCOME_AGREEMENT");
    assertThat(result.get("finished").getAsBoolean()).isTrue();
    assertThat(result.getAsJsonObject("scores").get("japan").getAsInt()).isEqualTo(57);
    assertThat(result.getAsJsonObject("agreed").get("territory").getAsString())
        .isEqualTo("two_islands_plus");
    JsonObject analysis = root.getAsJsonObject("analysis");
    assertThat(analysis.get("zopa_size").getAsInt()).isEqualTo(559);
    assertThat(analysis.getAsJsonObject("agreed").get("dominated").getAsBoolean()).isFalse();
    assertThat(root.getAsJsonArray("events")).anySatisfy(e -> {
      JsonObject o = e.getAsJsonObject();
      assertThat(o.get("kind").getAsString()).isEqualTo("offer_made");
      assertThat(o.getAsJsonObject("points").get("russia").getAsInt()).isEqualTo(82);
    });
    assertThat(run.out()).doesNotContain("token_sha256");
    assertThat(root.getAsJsonObject("file").get("complete").getAsBoolean()).isTrue();
  }

  @Test
  void exportCsv_oneRowPerMoveWithBothSidesPoints() throws Exception {
    CliRun run = run("export", recording.toString(), "--format", "csv");
    assertThat(run.exitCode()).isZero();
    List<String> rows = Arrays.asList(run.out().split("\r\n"));
    assertThat(rows.get(0)).isEqualTo("seq,at,round,role,move,territory,peace_treaty,energy,"
        + "far_east,security,missile_defence,japan_points,russia_points");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1)).contains(",1,japan,offer,two_islands_plus,roadmap,")
        .endsWith(",57,82");
    assertThat(rows.get(2)).contains(",1,russia,accept,two_islands_plus,").endsWith(",57,82");
  }

  @Test
  void exportMarkdown_isATranscript() throws Exception {
    Path out = tmp.resolve("game.md");
    CliRun run = run("export", recording.toString(), "--format", "md", "-o", out.toString());
    assertThat(run.exitCode()).isZero();
    String md = Files.readString(out);
    assertThat(md).startsWith("# Game " + code + ": Hikiwake")
        .contains("## Transcript")
        .contains("Japan offers (Japan 57, Russia 82):")
        .contains("## Outcome and analysis")
        .contains("AGREEMENT. Russia accepted Japan's offer.");
  }

  @Test
  void export_truncatedFile_exportsWhatIsReadableAndExits5() throws Exception {
    byte[] bytes = Files.readAllBytes(recording);
    Path cut = tmp.resolve("cut.hwr");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length - 7));
    CliRun run = run("export", cut.toString(), "--format", "csv");
    assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_FILE);
    assertThat(run.err()).startsWith("hikiwake: " + cut + " is damaged: ")
        .contains("exported what was readable: ")
        .containsPattern("\\d+ records \\([\\d,]+ of "
            + String.format(java.util.Locale.ROOT, "%,d", bytes.length - 7) + " bytes\\)");
    assertThat(run.out()).contains(",japan,offer,").doesNotContain(",accept,");
  }

  @Test
  void replay_truncatedFile_saysTheGameDidNotEndInTheRecording() throws Exception {
    byte[] bytes = Files.readAllBytes(recording);
    Path cut = tmp.resolve("cut2.hwr");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length - 7));
    CliRun run = run("replay", cut.toString(), "--speed", "0");
    assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_FILE);
    assertThat(run.out()).contains("The recording ends before the game did");
    assertThat(run.err()).contains("replayed what was readable");
  }

  @Test
  void export_garbage_exits5() throws Exception {
    Path junk = tmp.resolve("junk.hwr");
    Files.writeString(junk, "this is not a recording at all");
    CliRun run = run("export", junk.toString(), "--format", "json");
    assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_FILE);
    assertThat(run.err()).contains("is not a readable recording").contains("nothing readable");
  }

  @Test
  void replay_missingFile_exits5() throws Exception {
    CliRun run = run("replay", tmp.resolve("nope.hwr").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_FILE);
    assertThat(run.err()).contains("no such file");
  }
}
