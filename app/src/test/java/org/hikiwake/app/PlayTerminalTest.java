package org.hikiwake.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.hikiwake.cli.net.ServerAddress;
import org.hikiwake.cli.play.LiveGame;
import org.hikiwake.cli.play.PlaySession;
import org.hikiwake.engine.game.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A student at a terminal (the session in interactive mode) against a real server. */
class PlayTerminalTest {
  /** Worth 4 points to Russia, against its reservation value of 55. */
  private static final String BAD_FOR_RUSSIA = "territory=four_islands peace_treaty=treaty_signed"
      + " energy=none far_east=none security=dialogue_only missile_defence=no_statement";

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

  private PlaySession session(FakeTerminal terminal) {
    return new PlaySession(ServerAddress.parse(server.address()), terminal,
        new AtomicReference<>(), Optional.empty(), PlaySession.Backoff.DEFAULT);
  }

  private static void awaitGame(PlaySession s, java.util.function.Predicate<LiveGame> test) {
    await().atMost(Duration.ofSeconds(30)).until(() -> s.game() != null && test.test(s.game()));
  }

  @Test
  void accept_belowTheReservationValue_showsThePackageWarnsAndAsks() throws Exception {
    String code = server.createGame();
    CliRun japan = CliRun.start(pool, server.env("japan"),
        ScriptInput.of("offer " + BAD_FOR_RUSSIA), "play", code, "--role", "japan", "--name",
        "Aiko", "--json");
    FakeTerminal terminal = new FakeTerminal();
    PlaySession russia = session(terminal);
    Future<Integer> run = pool.submit(() -> russia.run(PlaySession.Attach.join(code, "russia",
        "Boris")));
    awaitGame(russia, g -> g.isMyTurn() && g.view().canAccept());

    terminal.answer(false);
    terminal.type("accept");
    await().atMost(Duration.ofSeconds(30)).until(() -> terminal.shown().stream()
        .anyMatch(l -> l.startsWith("You did not accept")));
    assertThat(terminal.questions()).containsExactly(
        "Accept it? The game ends at once in this agreement.");
    assertThat(terminal.shown()).anyMatch(l -> l.startsWith("You would accept Japan's offer:"
        + " worth 4 points to you (51 below your reservation value of 55)"))
        .anyMatch(l -> l.contains("four_islands"))
        .contains("That is 51 points below your reservation value: you would do better by"
            + " walking away (you would score 55).");
    assertThat(russia.game().isOver()).isFalse();

    terminal.answer(true);
    terminal.type("accept");
    awaitGame(russia, LiveGame::isOver);
    assertThat(russia.game().view().result().orElseThrow().outcome())
        .isEqualTo(Outcome.AGREEMENT);
    terminal.type("quit");
    assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(japan.exitCode()).as(japan.toString()).isZero();
  }

  @Test
  void offer_onTheLastTurn_isExplainedAndAskedFirst() throws Exception {
    String code = server.createGame("--rounds", "1");
    CliRun japan = CliRun.start(pool, server.env("japan"),
        ScriptInput.of("offer " + TestServer.NASH), "play", code, "--role", "japan", "--name",
        "Aiko", "--json");
    FakeTerminal terminal = new FakeTerminal();
    PlaySession russia = session(terminal);
    Future<Integer> run = pool.submit(() -> russia.run(PlaySession.Attach.join(code, "russia",
        "Boris")));
    awaitGame(russia, LiveGame::isMyTurn);
    assertThat(terminal.shown()).anyMatch(l -> l.startsWith("Round 1 of 1, the last turn of the"
        + " game: your turn."));

    terminal.answer(false);
    terminal.type("offer " + BAD_FOR_RUSSIA);
    await().atMost(Duration.ofSeconds(30)).until(() -> terminal.shown().contains(
        "Offer not sent."));
    assertThat(terminal.shown()).contains("This is the last turn of the game: an offer now can"
        + " never be accepted, and the game ends right after it with no agreement (you score"
        + " your reservation value, 55).");
    assertThat(terminal.questions()).containsExactly("Make the offer anyway?");
    assertThat(russia.game().isOver()).isFalse();

    terminal.answer(true);
    terminal.type("accept");
    awaitGame(russia, LiveGame::isOver);
    terminal.type(FakeTerminal.CTRL_D);
    assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(japan.exitCode()).as(japan.toString()).isZero();
  }

  @Test
  void ctrlD_midGame_leavesAndSaysHowToComeBack() throws Exception {
    String code = server.createGame();
    FakeTerminal terminal = new FakeTerminal();
    PlaySession japan = session(terminal);
    Future<Integer> run = pool.submit(() -> japan.run(PlaySession.Attach.join(code, "japan",
        "Zoë O'Neil")));
    awaitGame(japan, g -> g.myRole().isPresent());
    terminal.type(FakeTerminal.CTRL_D);
    assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(terminal.shown()).contains("Leaving. Your seat is kept: `hikiwake play --resume "
        + code + " --server " + server.address() + "` takes it back.");
  }
}
