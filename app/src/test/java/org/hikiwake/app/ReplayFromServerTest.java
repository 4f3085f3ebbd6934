package org.hikiwake.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hikiwake.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay CODE --server} and {@code export CODE --server} fetch a finished game. */
class ReplayFromServerTest {
  @TempDir Path tmp;

  @Test
  void replayAndExport_byCodeFromServer_showTheFinishedGame() throws Exception {
    ExecutorService pool = Executors.newCachedThreadPool();
    try (TestServer server = TestServer.start(tmp)) {
      String code = server.createGame();
      Map<String, String> env = server.env("viewer");

      CliRun early = CliRun.run(env, "replay", code, "--server", server.address(),
          "--speed", "0");
      assertThat(early.exitCode()).as(early.toString()).isEqualTo(ExitCode.SERVER_ERROR);
      assertThat(early.err()).contains("still being played");

      CliRun japan = CliRun.start(pool, server.env("japan"), ScriptInput.of(
          "offer " + TestServer.NASH), "play", code, "--role", "japan", "--name", "Aiko");
      CliRun russia = CliRun.start(pool, server.env("russia"), ScriptInput.of("accept"),
          "play", code, "--role", "russia", "--name", "Boris");
      assertThat(japan.exitCode()).as(japan.toString()).isZero();
      assertThat(russia.exitCode()).as(russia.toString()).isZero();

      CliRun replay = CliRun.run(env, "replay", code, "--server", server.address(),
          "--speed", "0");
      assertThat(replay.exitCode()).as(replay.toString()).isZero();
      assertThat(replay.out()).contains("Game " + code)
          .contains("=== Game over: AGREEMENT. Russia accepted Japan's offer. ===");

      CliRun export = CliRun.run(env, "export", code, "--format", "csv");
      assertThat(export.exitCode()).as(export.toString()).isZero();
      assertThat(export.out()).contains("two_islands_plus");
    } finally {
      pool.shutdownNow();
    }
  }
}
