package org.hikiwake.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hikiwake.cli.ExitCode;
import org.hikiwake.cli.net.Connection;
import org.hikiwake.cli.play.PlaySession;
import org.hikiwake.cli.play.SeatStore;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.proto.game.GameOutcome;
import org.hikiwake.proto.game.RoleScore;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.GameOver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripted players play whole games against a real server. */
class PlayEndToEndTest {
  @TempDir
  Path tmp;

  private TestServer server;
  private ExecutorService pool;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(tmp);
    pool = Executors.newCachedThreadPool();
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
    server.close();
  }

  private CliRun play(String player, ScriptInput in, String... args) {
    return CliRun.start(pool, server.env(player), in, args);
  }

  private static GameOver gameOver(CliRun run) throws Exception {
    List<EventView> events = TestServer.events(run.out());
    assertThat(events).as(run.toString()).isNotEmpty();
    EventView last = events.get(events.size() - 1);
    assertThat(last.hasGameEnded()).as(run.toString()).isTrue();
    return last.getGameEnded();
  }

  private static List<Integer> scores(GameOver over) {
    return over.getResult().getScoresList().stream().map(RoleScore::getScore).toList();
  }

  @Test
  void play_twoScripts_reachAgreementWithCounterOfferFromTable() throws Exception {
    String code = server.createGame();
    CliRun watcher = CliRun.start(pool, server.env("watcher"), ScriptInput.of(),
        "watch", code, "--json");
    CliRun japan = play("japan", ScriptInput.of(
        "say Shall we settle the islands first?",
        "offer " + TestServer.NASH.replace("far_east=major", "far_east=none"),
        "accept"), "play", code, "--role", "japan", "--name", "Aiko", "--json");
    CliRun russia = play("russia", ScriptInput.of(
        "offer --from-table far_east=major"), "play", code, "--role", "russia", "--name", "Boris",
        "--json");

    assertThat(japan.exitCode()).as(japan.toString()).isZero();
    assertThat(russia.exitCode()).as(russia.toString()).isZero();
    assertThat(watcher.exitCode()).as(watcher.toString()).isZero();

    for (CliRun run : List.of(japan, russia, watcher)) {
      GameOver over = gameOver(run);
      assertThat(over.getResult().getOutcome()).isEqualTo(GameOutcome.GAME_OUTCOME_AGREEMENT);
      assertThat(over.getResult().getEndedBy()).isEqualTo("japan");
      // Accepted in round 2, after the China ADIZ news: the Nash package is then 62 / 82.
      assertThat(scores(over)).containsExactly(62, 82);
      assertThat(EventCodec.strictPackage(over.getResult().getAgreed()).choices())
          .containsEntry("far_east", "major").containsEntry("territory", "two_islands_plus");
    }
    assertThat(TestServer.events(watcher.out())).filteredOn(EventView::hasOfferMade).hasSize(2);
    // Human messages go to stderr; every offer is priced for its reader.
    assertThat(japan.err()).contains("You offered: worth 63 points to you")
        .contains("Russia offers: worth 57 points to you")
        .contains("=== Game over: AGREEMENT. Japan accepted Russia's offer. ===")
        .contains("Nash bargaining package");
    assertThat(russia.err()).contains("Japan offers: worth 69 points to you")
        .contains("Japan (Aiko) says: Shall we settle the islands first?")
        .contains("NEWS (round 2)")
        .contains("You scored 82, 27 above your reservation value.");
  }

  @Test
  void create_vsBot_theStudentTakesTheirSeatAndPlaysTheBotAtOnce() throws Exception {
    CliRun student = play("student", ScriptInput.of("offer " + TestServer.NASH,
        "offer " + TestServer.NASH), "create", "--vs", "bot:medium", "--role", "Japan",
        "--name", "Aiko", "--rounds", "2", "--json");

    assertThat(student.exitCode()).as(student.toString()).isZero();
    GameOver over = gameOver(student);
    assertThat(student.err()).contains("against a medium bot: you play japan");
    List<EventView> events = TestServer.events(student.out());
    assertThat(events).filteredOn(EventView::hasSeatFilled).extracting(
        e -> e.getSeatFilled().getRole() + "/" + e.getSeatFilled().getBot())
        .containsExactlyInAnyOrder("japan/", "russia/medium");
    boolean botMoved = over.getResult().getEndedBy().equals("russia") || events.stream()
        .anyMatch(e -> e.hasOfferMade() && e.getOfferMade().getRole().equals("russia"));
    assertThat(botMoved).as("the bot made a move: %s", events).isTrue();
  }

  @Test
  void create_vsAnUnknownBot_isRefusedWithTheLevels() throws Exception {
    CliRun run = CliRun.run(server.env("student"), "create", "--vs", "bot:genius");
    assertThat(run.exitCode()).as(run.toString()).isNotZero();
    assertThat(run.err()).contains("no bot level 'genius'").contains("easy, medium, hard");
    CliRun bad = CliRun.run(server.env("student"), "create", "--vs", "medium");
    assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void play_walkOut_endsWithReservationValues() throws Exception {
    String code = server.createGame();
    CliRun japan = play("japan", ScriptInput.of(
        "offer territory=four_islands peace_treaty=treaty_signed energy=none far_east=none"
            + " security=dialogue_only missile_defence=no_statement"),
        "play", code, "--role", "japan", "--name", "Aiko", "--json");
    CliRun russia = play("russia", ScriptInput.of(
        "offer territory=status_quo",
        "walkaway"), "play", code, "--role", "russia", "--name", "Boris", "--json");

    assertThat(japan.exitCode()).as(japan.toString()).isZero();
    assertThat(russia.exitCode()).as(russia.toString()).isZero();
    for (CliRun run : List.of(japan, russia)) {
      GameOver over = gameOver(run);
      assertThat(over.getResult().getOutcome()).isEqualTo(GameOutcome.GAME_OUTCOME_WALK_OUT);
      assertThat(over.getResult().getEndedBy()).isEqualTo("russia");
      assertThat(scores(over)).containsExactly(24, 55);
    }
    // The incomplete offer was refused locally and never reached the server.
    assertThat(russia.err()).contains("Offer not sent: it is incomplete; missing peace_treaty,"
        + " energy, far_east, security, missile_defence.");
    assertThat(TestServer.events(japan.out())).filteredOn(EventView::hasOfferMade).hasSize(1);
  }

  @Test
  void play_chatWithEscapeSequences_isPrintedHarmlessly() throws Exception {
    String code = server.createGame();
    String nasty = "\u001b]0;pwned\u0007hello \u001b[31mworld\u001b[0m\u001b[2J";
    CliRun japan = play("japan", ScriptInput.of("say " + nasty, "walkaway"),
        "play", code, "--role", "japan", "--name", "Aiko");
    CliRun russia = play("russia", ScriptInput.of(), "play", code, "--role", "russia",
        "--name", "Boris");
    assertThat(japan.exitCode()).as(japan.toString()).isZero();
    assertThat(russia.exitCode()).as(russia.toString()).isZero();
    assertThat(russia.out()).contains("Japan (Aiko) says: hello world")
        .contains("WALK-OUT");
    assertThat(russia.out() + russia.err() + japan.out() + japan.err())
        .doesNotContain("\u001b").doesNotContain("\u0007");
  }

  @Test
  void play_connectionCutMidGame_reattachesWithTheTokenAndFinishes() throws Exception {
    String code = server.createGame();
    ScriptInput japanInput = ScriptInput.open();
    CliRun japan = play("japan", japanInput, "play", code, "--role", "japan", "--name", "Aiko",
        "--json", "--reattach-delay-ms", "50");
    CliRun russia = play("russia", ScriptInput.of("accept"), "play", code, "--role", "russia",
        "--name", "Boris", "--json");

    await().atMost(Duration.ofSeconds(20)).until(() -> {
      PlaySession s = japan.play().session();
      return s != null && s.game() != null && s.game().isMyTurn();
    });
    PlaySession session = japan.play().session();
    Connection first = session.connection().orElseThrow();
    first.drop();
    await().atMost(Duration.ofSeconds(20)).until(() -> session.connection()
        .map(c -> c != first && c.isOpen()).orElse(false));
    assertThat(japan.err()).contains("Lost the connection").contains("Re-attached");

    japanInput.type("offer " + TestServer.NASH);
    japanInput.end();
    assertThat(japan.exitCode()).as(japan.toString()).isZero();
    assertThat(russia.exitCode()).as(russia.toString()).isZero();
    GameOver over = gameOver(japan);
    assertThat(over.getResult().getOutcome()).isEqualTo(GameOutcome.GAME_OUTCOME_AGREEMENT);
    assertThat(scores(over)).containsExactly(57, 82);
    // Events are printed once each, even though the re-attach sent the history again.
    List<Long> seqs = TestServer.events(japan.out()).stream().map(EventView::getSeq)
        .filter(s -> s > 0).toList();
    assertThat(seqs).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void play_resumeAfterClientRestart_usesTheKeptToken() throws Exception {
    String code = server.createGame();
    CliRun first = play("japan", ScriptInput.of("quit"), "play", code, "--role", "japan",
        "--name", "Aiko");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    Path seats = Path.of(server.env("japan").get("HIKIWAKE_HOME"), SeatStore.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(seats)))
        .isEqualTo("rw-------");
    assertThat(first.out()).contains("play --resume " + code);

    CliRun russia = play("russia", ScriptInput.of("accept"), "play", code, "--role", "russia",
        "--name", "Boris", "--json");
    CliRun again = play("japan", ScriptInput.of("offer " + TestServer.NASH),
        "play", "--resume", code.toLowerCase(java.util.Locale.ROOT), "--json");
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(russia.exitCode()).as(russia.toString()).isZero();
    assertThat(again.err()).contains("Resumed your seat: Japan in game " + code);
    assertThat(gameOver(again).getResult().getOutcome()).isEqualTo(GameOutcome.GAME_OUTCOME_AGREEMENT);
  }

  @Test
  void play_sameRoleAgainWithAKeptToken_takesTheSeatBack() throws Exception {
    String code = server.createGame();
    CliRun first = play("japan", ScriptInput.of("quit"), "play", code, "--role", "japan",
        "--name", "Aiko");
    assertThat(first.exitCode()).isZero();
    CliRun again = play("japan", ScriptInput.of("quit"), "play", code, "--role", "japan",
        "--name", "Aiko");
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.err()).contains("You already hold the japan seat");
    assertThat(again.out()).contains("Resumed your seat");
  }

  @Test
  void play_seatResumedFromAnotherTerminal_tellsHowToTakeItBackAndExits3() throws Exception {
    String code = server.createGame();
    CliRun first = play("japan", ScriptInput.open(), "play", code, "--role", "japan", "--name",
        "Aiko");
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      PlaySession s = first.play().session();
      return s != null && s.game() != null;
    });
    // The same student, on another terminal with the same seat store, takes the seat.
    CliRun second = play("japan", ScriptInput.of("quit"), "play", "--resume", code);
    assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCode.SERVER_ERROR);
    assertThat(first.out()).contains("Your Japan seat in game " + code
        + " is no longer held here: it was resumed with your seat token from another laptop")
        .contains("To take the seat back on this one, run: hikiwake play --resume " + code
            + " --server " + server.address());
    assertThat(first.err()).startsWith("hikiwake: your Japan seat in game " + code
        + " is no longer held here (it was resumed with your seat token");
    assertThat(first.out()).doesNotContain("re-attaching");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.out()).contains("Resumed your seat: Japan in game " + code);
  }

  @Test
  void play_unknownGame_exits3WithOneLineReason() throws Exception {
    CliRun run = play("x", ScriptInput.of(), "play", "ZZZZ-ZZZZ", "--role", "japan",
        "--name", "X");
    assertThat(run.exitCode()).isEqualTo(ExitCode.SERVER_ERROR);
    assertThat(run.err().strip()).startsWith("hikiwake: cannot join game ZZZZ-ZZZZ as japan:")
        .contains("UNKNOWN_GAME").doesNotContain("\n");
  }

  @Test
  void play_takenSeat_exits3() throws Exception {
    String code = server.createGame();
    CliRun first = play("a", ScriptInput.of("quit"), "play", code, "--role", "japan",
        "--name", "A");
    assertThat(first.exitCode()).isZero();
    CliRun second = play("b", ScriptInput.of(), "play", code, "--role", "japan", "--name", "B");
    assertThat(second.exitCode()).isEqualTo(ExitCode.SERVER_ERROR);
    assertThat(second.err()).contains("ROLE_TAKEN");
  }

  @Test
  void play_withoutRole_takesTheFreeSeat() throws Exception {
    String code = server.createGame();
    CliRun first = play("a", ScriptInput.of("quit"), "play", code, "--role", "japan",
        "--name", "A");
    assertThat(first.exitCode()).isZero();
    CliRun second = play("b", ScriptInput.of("quit"), "play", code, "--name", "B");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.out()).contains("You are Russia in game " + code);
  }

  @Test
  void play_resumeWithoutKeptToken_isAUsageError() throws Exception {
    CliRun run = play("nobody", ScriptInput.of(), "play", "--resume", "AAAA-BBBB");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("no seat is kept for game AAAA-BBBB");
  }

  @Test
  void play_noServer_exits2() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CliRun run = CliRun.run(server.env("x"), "games", "--server", "127.0.0.1:" + port);
    assertThat(run.exitCode()).isEqualTo(ExitCode.CANNOT_CONNECT);
    assertThat(run.err()).startsWith("hikiwake: cannot connect to 127.0.0.1:" + port)
        .contains("nothing is listening there (connection refused)")
        .contains("Start one with `hikiwake serve`");
  }

  @Test
  void play_timedTurnsRunOut_scriptsAtEndOfInputWaitForTheDeadline() throws Exception {
    String code = server.createGame("--rounds", "1", "--turn-limit-ms", "1000");
    CliRun japan = play("japan", ScriptInput.of(), "play", code, "--role", "japan", "--name",
        "Aiko", "--json");
    CliRun russia = play("russia", ScriptInput.of(), "play", code, "--role", "russia", "--name",
        "Boris", "--json");
    assertThat(japan.exitCode()).as(japan.toString()).isZero();
    assertThat(russia.exitCode()).as(russia.toString()).isZero();
    GameOver over = gameOver(japan);
    assertThat(over.getResult().getOutcome()).isEqualTo(GameOutcome.GAME_OUTCOME_DEADLINE);
    assertThat(scores(over)).containsExactly(24, 55);
    assertThat(TestServer.events(russia.out())).filteredOn(EventView::hasTurnTimedOut).hasSize(2);
    assertThat(japan.err()).contains("You ran out of time")
        .contains("=== Game over: DEADLINE. The talks ran out of time with no agreement. ===");
  }

  @Test
  void play_serverGoneForGood_givesUpAfterTheRetriesWithExit4() throws Exception {
    String code = server.createGame();
    CliRun japan = play("japan", ScriptInput.open(), "play", code, "--role", "japan", "--name",
        "Aiko", "--reattach-attempts", "2", "--reattach-delay-ms", "20");
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      PlaySession s = japan.play().session();
      return s != null && s.game() != null;
    });
    server.close();
    assertThat(japan.exitCode()).as(japan.toString()).isEqualTo(ExitCode.CONNECTION_LOST);
    assertThat(japan.out()).contains("Lost the connection").contains("Re-attach attempt 1 of 2");
    assertThat(japan.err()).startsWith("hikiwake: lost the connection to " + server.address()
        + " and could not re-attach in 2 attempts");
  }

  @Test
  void play_bothSeatsFromOneHome_resumeNeedsTheRole() throws Exception {
    String code = server.createGame();
    CliRun japan = CliRun.start(pool, server.env("shared"), ScriptInput.of("quit"), "play", code,
        "--role", "japan", "--name", "A");
    assertThat(japan.exitCode()).isZero();
    CliRun russia = CliRun.start(pool, server.env("shared"), ScriptInput.of("quit"), "play", code,
        "--role", "russia", "--name", "B");
    assertThat(russia.exitCode()).as(russia.toString()).isZero();
    assertThat(russia.out()).contains("You are Russia");
    CliRun ambiguous = CliRun.start(pool, server.env("shared"), ScriptInput.of("quit"), "play",
        "--resume", code);
    assertThat(ambiguous.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(ambiguous.err()).contains("several seats").contains("japan, russia");
    CliRun chosen = CliRun.start(pool, server.env("shared"), ScriptInput.of("quit"), "play",
        "--resume", code, "--role", "russia");
    assertThat(chosen.exitCode()).as(chosen.toString()).isZero();
    assertThat(chosen.out()).contains("Resumed your seat: Russia");
  }

  @Test
  void play_roleInAnyCaseAndANameWithAnApostrophe_takeTheSeats() throws Exception {
    String code = server.createGame();
    CliRun japan = play("japan", ScriptInput.of("say Hello", "walkaway --yes"), "play", code,
        "--role", "Japan", "--name", "Zo\u00eb O'Neil-Smith");
    CliRun russia = play("russia", ScriptInput.of(), "play", code, "--role", "RUSSIA",
        "--name", "Boris");
    assertThat(japan.exitCode()).as(japan.toString()).isZero();
    assertThat(russia.exitCode()).as(russia.toString()).isZero();
    assertThat(japan.out()).contains("You are Japan in game " + code);
    assertThat(russia.out()).contains("You are Russia in game " + code)
        .contains("Japan (Zo\u00eb O'Neil-Smith) says: Hello");
  }

  @Test
  void play_helpSaysWhichNamesWork() throws Exception {
    CliRun run = CliRun.run(server.env("x"), "play", "--help");
    assertThat(run.out()).contains("apostrophes");
  }
}
