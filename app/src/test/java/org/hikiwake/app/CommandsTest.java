package org.hikiwake.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hikiwake.cli.ExitCode;
import org.hikiwake.proto.wire.GameCreated;
import org.hikiwake.proto.wire.GameList;
import org.hikiwake.proto.wire.GamePhase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's other subcommands, online and offline. */
class CommandsTest {
  @TempDir
  Path tmp;

  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(tmp);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void create_json_describesTheGame() throws Exception {
    CliRun run = CliRun.run(server.env("i"), "create", "--rounds", "3", "--turn-seconds", "90",
        "--json");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    GameCreated.Builder created = GameCreated.newBuilder();
    JsonFormat.parser().merge(run.out(), created);
    assertThat(created.getGame().getRounds()).isEqualTo(3);
    assertThat(created.getGame().getScenarioId()).isEqualTo("japan-russia-2013");
    assertThat(created.getGameCode()).matches("[0-9A-Z]{4}-[0-9A-Z]{4}");
  }

  @Test
  void create_default_printsJoinInstructions() throws Exception {
    CliRun run = CliRun.run(server.env("i"), "create");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Join code: ").contains("--role japan --name NAME")
        .contains("--role russia --name NAME");
  }

  @Test
  void create_unknownScenario_exits3() throws Exception {
    CliRun run = CliRun.run(server.env("i"), "create", "--scenario", "no-such");
    assertThat(run.exitCode()).isEqualTo(ExitCode.SERVER_ERROR);
    assertThat(run.err()).contains("UNKNOWN_SCENARIO");
  }

  @Test
  void games_listsCreatedGames_asTextAndJson() throws Exception {
    String code = server.createGame();
    CliRun text = CliRun.run(server.env("i"), "games");
    assertThat(text.exitCode()).isZero();
    assertThat(text.out()).contains("CODE").contains(code).contains("waiting")
        .contains("japan: (free)");
    CliRun json = CliRun.run(server.env("i"), "games", "--json");
    GameList.Builder list = GameList.newBuilder();
    JsonFormat.parser().merge(json.out(), list);
    assertThat(list.getGamesList()).anyMatch(g -> g.getGameCode().equals(code)
        && g.getPhase() == GamePhase.GAME_PHASE_WAITING);
  }

  @Test
  void scenarios_listsTheBuiltInScenario() throws Exception {
    CliRun run = CliRun.run(server.env("i"), "scenarios");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("japan-russia-2013").contains("roles: japan, russia");
  }

  @Test
  void scenariosAnalyze_builtIn_printsZopaNashAndKs() throws Exception {
    CliRun run = CliRun.run(Map.of(), "scenarios", "analyze", "japan-russia-2013");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("ZOPA size: 559 packages")
        .contains("Nash bargaining package (Japan 57, Russia 82):")
        // At the start the two bargaining packages are one package: printed once.
        .contains("Kalai-Smorodinsky package: the same package as the Nash package.")
        .doesNotContain("Kalai-Smorodinsky package (Japan ")
        .containsPattern("territory\\s+= two_islands_plus\\s+18 \\| 46")
        .contains("  round 4 (crimea-sanctions): ZOPA 472");
  }

  @Test
  void scenariosCheck_goodFile_isOk() throws Exception {
    Path file = Path.of("..", "scenarios", "japan-russia-2013.textproto");
    CliRun run = CliRun.run(Map.of(), "scenarios", "check", file.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("ok: scenario japan-russia-2013");
  }

  @Test
  void scenariosCheck_badFile_printsEachProblemAndExits5() throws Exception {
    Path file = tmp.resolve("bad.textproto");
    Files.writeString(file, "id: \"bad\"\ntitle: \"Bad\"\nrounds: 0\n");
    CliRun run = CliRun.run(Map.of(), "scenarios", "check", file.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_FILE);
    assertThat(run.out()).contains(file.toString() + ":");
    assertThat(run.err()).startsWith("hikiwake: " + file).contains("problem");
  }

  @Test
  void scenariosAnalyze_missingFile_exits5() throws Exception {
    CliRun run = CliRun.run(Map.of(), "scenarios", "analyze", tmp.resolve("nope").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_FILE);
    assertThat(run.err()).contains("neither a built-in scenario");
  }

  @Test
  void badServerAddress_isAUsageError() throws Exception {
    CliRun run = CliRun.run(Map.of(), "games", "--server", "host:notaport");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("bad port 'notaport'");
  }

  @Test
  void unknownOption_isAUsageError() throws Exception {
    CliRun run = CliRun.run(Map.of(), "play", "CODE", "--rol", "japan");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("Try `hikiwake play --help`");
  }

  @Test
  void everySubcommand_hasHelp() throws Exception {
    for (String sub : new String[] {"serve", "create", "play", "watch", "games", "scenarios",
        "replay", "export"}) {
      CliRun run = CliRun.run(Map.of(), sub, "--help");
      assertThat(run.exitCode()).as(sub).isZero();
      assertThat(run.out()).as(sub).startsWith("Usage: hikiwake " + sub);
    }
    CliRun check = CliRun.run(Map.of(), "scenarios", "check", "--help");
    assertThat(check.out()).startsWith("Usage: hikiwake scenarios check");
  }

  @Test
  void noSubcommand_printsUsageAndExits1() throws Exception {
    CliRun run = CliRun.run(Map.of());
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("Exit codes:");
  }

  @Test
  void create_turnLimitUnderTenSeconds_isRefusedWithAClearError() throws Exception {
    CliRun run = CliRun.run(server.env("i"), "create", "--turn-seconds", "5");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).isEqualTo("hikiwake: --turn-seconds must be at least 10 (a turn needs"
        + " time to read and type); leave it out for untimed turns\n");
    CliRun zero = CliRun.run(server.env("i"), "create", "--turn-seconds", "0");
    assertThat(zero.exitCode()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void create_zeroRounds_isRefusedWithAClearError() throws Exception {
    CliRun run = CliRun.run(server.env("i"), "create", "--rounds", "0");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).isEqualTo("hikiwake: --rounds must be from 1 to 100 but was 0; leave"
        + " it out for the scenario's own number of rounds\n");
    assertThat(CliRun.run(server.env("i"), "create", "--rounds", "101").exitCode())
        .isEqualTo(ExitCode.USAGE);
  }

  @Test
  void create_classWithATooShortTurn_isRefusedToo() throws Exception {
    CliRun run = CliRun.run(server.env("i"), "class", "create", "--turn-seconds", "3");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("--turn-seconds must be at least 10");
  }

  @Test
  void create_classWithAKnownAndAnUncertainEnd_isRefusedAsAContradiction() throws Exception {
    CliRun run = CliRun.run(server.env("i"), "class", "create", "--known-end", "--end-from",
        "4");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("--known-end and --end-from contradict each other");
  }

  @Test
  void help_everyLineFitsEightyColumnsAndNothingIsCutShort() throws Exception {
    java.util.List<String[]> commands = new java.util.ArrayList<>();
    commands.add(new String[] {"--help"});
    for (String sub : new String[] {"serve", "create", "play", "join", "class", "watch",
        "games", "scenarios", "replay", "export"}) {
      commands.add(new String[] {sub, "--help"});
    }
    commands.add(new String[] {"class", "debrief", "--help"});
    commands.add(new String[] {"class", "create", "--help"});
    for (String[] args : commands) {
      CliRun run = CliRun.run(Map.of(), args);
      String help = run.out() + run.err();
      assertThat(help.split("\n")).as(String.join(" ", args))
          .allMatch(l -> l.length() <= 80)
          // a command's one-line summary that stops at a colon was cut from a longer text
          .noneMatch(l -> l.matches("  [a-z]+ +[A-Z].*:"));
      // a file name or an option broken at a dot or a colon by the help's wrapping
      assertThat(help.replaceAll("\\s+", " ")).as(String.join(" ", args))
          .doesNotContainPattern("[A-Za-z][.:] (hwr|PORT|csv|png|svg|textproto)\\b");
    }
    CliRun rootHelp = CliRun.run(Map.of(), "--help");
    String root = rootHelp.out() + rootHelp.err();
    String exitCodes = root.substring(root.indexOf("Exit codes:"), root.indexOf("Every failure"));
    assertThat(java.util.Arrays.stream(exitCodes.split("\n")).skip(1).toList()).as(root)
        .allMatch(l -> l.startsWith("  "));
  }
}
