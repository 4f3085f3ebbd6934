package org.hikiwake.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hikiwake.cli.ExitCode;
import org.hikiwake.server.HikiwakeServer;
import org.hikiwake.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a student sees without the whole command line, and when things go
 * wrong: `play` asks for what is missing, and every refusal says what to do.
 */
class StudentHelpTest {
  @TempDir
  Path tmp;

  private TestServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(tmp);
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
    server.close();
  }

  /** A student's environment with no server set: play has to ask for it. */
  private Map<String, String> lineModeStudent(String who) {
    Map<String, String> env = new HashMap<>();
    env.put("HIKIWAKE_HOME", tmp.resolve("home-" + who).toString());
    env.put("HIKIWAKE_TERMINAL", "plain");
    return env;
  }

  @Test
  void play_withoutACode_inAScript_saysWhatToRun() throws Exception {
    CliRun run = CliRun.run(server.env("s"), "play");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err().strip()).isEqualTo("hikiwake: no game code: run `hikiwake play CODE"
        + " --server HOST:PORT` with the code and the server address your instructor gave you"
        + " (in a terminal, `hikiwake play` alone asks for them)");
  }

  @Test
  void play_withoutACode_inLineMode_asksForTheServerCodeAndName_andRemembersTheServer()
      throws Exception {
    String code = server.createGame();
    Map<String, String> env = lineModeStudent("aiko");

    CliRun first = CliRun.start(pool, env, ScriptInput.of(server.address(),
        code.toLowerCase().replace("-", ""), "Aiko", "quit"), "play");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out()).contains("Join a game with the server address and the game code")
        .contains("Server address [localhost:7430]: ").contains("Game code (like K7MX-Q2PA): ")
        .contains("Your name [").contains("You are Japan in game " + code)
        // line mode: a printed prompt for each command
        .contains(code + " ");
    assertThat(Files.readString(tmp.resolve("home-aiko").resolve("last-server")).strip())
        .isEqualTo(server.address());

    CliRun again = CliRun.start(pool, env, ScriptInput.of("", code, "", "quit"), "play");

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.out()).contains("Server address [" + server.address() + "]: ");
    assertThat(again.err()).contains("You already hold the japan seat in this game");
  }

  @Test
  void play_withoutACode_inLineMode_whenInputEnds_saysHowToGiveItInstead() throws Exception {
    CliRun run = CliRun.run(lineModeStudent("x"), "play");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("no answer: give the game code on the command line instead");
  }

  @Test
  void play_unknownGameCode_saysToCheckItWithTheInstructor() throws Exception {
    CliRun run = CliRun.run(server.env("s"), "play", "ZZZZ-ZZZZ", "--name", "X");

    assertThat(run.exitCode()).isEqualTo(ExitCode.SERVER_ERROR);
    assertThat(run.err()).contains("there is no game ZZZZ-ZZZZ")
        .contains("check the code with your instructor").contains("hikiwake games --server");
  }

  @Test
  void play_fullGame_saysItIsFullAndHowToTakeBackYourOwnSeat() throws Exception {
    String code = server.createGame();
    for (String role : new String[] {"japan", "russia"}) {
      CliRun seated = CliRun.start(pool, server.env(role), ScriptInput.of("quit"), "play", code,
          "--role", role, "--name", role);
      assertThat(seated.exitCode()).as(seated.toString()).isZero();
    }

    CliRun third = CliRun.run(server.env("third"), "play", code, "--name", "Late");
    CliRun taken = CliRun.run(server.env("fourth"), "play", code, "--role", "japan", "--name",
        "Late");

    assertThat(third.exitCode()).isEqualTo(ExitCode.SERVER_ERROR);
    assertThat(third.err()).contains("the game is full")
        .contains("run `hikiwake play --resume " + code + "`")
        .contains("ask your instructor for another game");
    assertThat(taken.exitCode()).isEqualTo(ExitCode.SERVER_ERROR);
    assertThat(taken.err()).contains("ROLE_TAKEN").contains("That seat is taken")
        .contains("leave out --role to take the free seat");
  }

  @Test
  void create_onAFullServer_saysWhatTheInstructorCanDo() throws Exception {
    try (HikiwakeServer small = HikiwakeServer.start(ServerConfig.defaults().withPort(0)
        .withDurable(false).withMaxGames(1))) {
      Map<String, String> env = Map.of("HIKIWAKE_SERVER", "127.0.0.1:" + small.port(),
          "HIKIWAKE_HOME", tmp.resolve("home-i").toString());
      assertThat(CliRun.run(env, "create").exitCode()).isZero();

      CliRun full = CliRun.run(env, "create");

      assertThat(full.exitCode()).isEqualTo(ExitCode.SERVER_ERROR);
      assertThat(full.err()).contains("TOO_MANY_GAMES").contains("The server is full")
          .contains("end finished games");
    }
  }
}
