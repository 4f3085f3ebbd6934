package org.hikiwake.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hikiwake.proto.game.GameOutcome;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.GameSnapshot;
import org.hikiwake.proto.wire.GamePhase;
import org.hikiwake.proto.wire.ServerMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a server in a child process with SIGKILL right after it acknowledged
 * moves, restarts it on the same data folder, and checks that every
 * acknowledged move is there and the players finish with their tokens.
 */
class CrashRecoveryTest {
  static final String[] JAPAN_OFFER = {"territory", "area_split", "peace_treaty",
      "treaty_signed", "energy", "lng_contracts", "far_east", "modest", "security",
      "joint_exercises", "missile_defence", "no_statement"};
  static final String[] RUSSIA_OFFER = {"territory", "two_islands", "peace_treaty", "roadmap",
      "energy", "lng_and_pipeline", "far_east", "major", "security", "full_fact_sheet",
      "missile_defence", "written_assurance"};

  @TempDir Path data;
  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void killChildren() {
    children.forEach(Process::destroyForcibly);
  }

  @Test
  void sigkillAfterAcks_restart_everyAcknowledgedMoveIsKeptAndGameFinishes() throws Exception {
    Process first = startChild();
    int port = portOf(first);
    String code;
    String japanToken;
    String russiaToken;
    int acknowledgedOffers = 0;
    try (TestClient japan = TestClient.connect(port);
        TestClient russia = TestClient.connect(port)) {
      code = japan.create("japan-russia-2013", 0, 0);
      japanToken = japan.join(code, "japan", "Aiko").getJoined().getSeatToken();
      russiaToken = russia.join(code, "russia", "Boris").getJoined().getSeatToken();
      for (int turn = 0; turn < 5; turn++) {
        TestClient mover = turn % 2 == 0 ? japan : russia;
        ServerMessage ack = mover.propose(turn % 2 == 0 ? JAPAN_OFFER : RUSSIA_OFFER);
        assertThat(ack.hasDone()).as("ack of turn %s: %s", turn, ack).isTrue();
        acknowledgedOffers++;
      }
      ServerMessage chat = japan.say("last words before the crash");
      assertThat(chat.hasDone()).isTrue();
      // The instant the last acknowledgement arrives, the server dies without any shutdown.
      first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(first.exitValue()).isEqualTo(137);

    Process second = startChild();
    int port2 = portOf(second);
    try (TestClient japan = TestClient.connect(port2);
        TestClient russia = TestClient.connect(port2)) {
      ServerMessage rj = japan.resume(code, japanToken);
      ServerMessage rr = russia.resume(code, russiaToken);
      assertThat(rj.hasJoined()).as("%s", rj).isTrue();
      assertThat(rr.hasJoined()).as("%s", rr).isTrue();
      assertThat(rj.getJoined().getRole()).isEqualTo("japan");
      assertThat(rr.getJoined().getRole()).isEqualTo("russia");
      GameSnapshot view = rj.getJoined().getGame();
      assertThat(view.getHistoryList().stream().filter(EventView::hasOfferMade).count())
          .isEqualTo(acknowledgedOffers);
      assertThat(view.getHistoryList().stream().filter(EventView::hasChatPosted)
          .map(e -> e.getChatPosted().getText()))
          .containsExactly("last words before the crash");
      assertThat(view.getPhase()).isEqualTo(GamePhase.GAME_PHASE_IN_PROGRESS);
      assertThat(view.getToMove()).isEqualTo("russia");
      assertThat(view.getOnTable().getRole()).isEqualTo("japan");

      assertThat(russia.accept().hasDone()).isTrue();
      EventView end = japan.awaitEvent(EventView::hasGameEnded);
      assertThat(end.getGameEnded().getResult().getOutcome())
          .isEqualTo(GameOutcome.GAME_OUTCOME_AGREEMENT);
    }
  }

  private Process startChild() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        ServerMain.class.getName(), "--port", "0", "--data", data.toString())
        .redirectErrorStream(true).start();
    children.add(p);
    return p;
  }

  private static int portOf(Process p) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("listening on ")) {
        int port = Integer.parseInt(line.substring("listening on ".length()).trim());
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "child-output");
        drain.setDaemon(true);
        drain.start();
        return port;
      }
      lines.add(line);
    }
    throw new AssertionError("child server did not start: " + lines);
  }
}
