package org.hikiwake.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hikiwake.server.CrashRecoveryTest.JAPAN_OFFER;
import static org.hikiwake.server.ErrorCodeTest.expectError;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hikiwake.proto.game.GameOutcome;
import org.hikiwake.proto.wire.ClassBoard;
import org.hikiwake.proto.wire.ClassCommand;
import org.hikiwake.proto.wire.ClassGameRow;
import org.hikiwake.proto.wire.ClassPhase;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.CreateClass;
import org.hikiwake.proto.wire.Empty;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.FetchClassDebrief;
import org.hikiwake.proto.wire.JoinClass;
import org.hikiwake.proto.wire.NamedFile;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.proto.wire.WatchClass;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class survives SIGKILL of its server in the middle of a game: after a
 * restart on the same data folder the instructor's token still runs the class,
 * its board shows the offer that was acknowledged before the kill, the
 * students come back with their student tokens into their seats, and the class
 * plays to its end and its debrief.
 */
class ClassCrashTest {
  @TempDir Path data;
  private ChildServers children;

  @BeforeEach
  void children() {
    children = new ChildServers(data);
  }

  @AfterEach
  void kill() {
    children.close();
  }

  @Test
  void sigkillMidClass_restart_classBoardSeatsAndTokensAreAllThere() throws Exception {
    Process first = children.start();
    int port = ChildServers.portOf(first);
    String classCode;
    String instructorToken;
    String gameCode;
    Map<String, String> studentTokens = new LinkedHashMap<>();
    Map<String, String> roles = new LinkedHashMap<>();
    try (TestClient instructor = TestClient.connect(port);
        TestClient aiko = TestClient.connect(port);
        TestClient boris = TestClient.connect(port)) {
      ServerMessage created = instructor.request(ClientMessage.newBuilder().setCreateClass(
          CreateClass.newBuilder().setScenarioId(HonestGame.SCENARIO).setRounds(3)
              .setPairingSeed(7)));
      classCode = created.getClassCreated().getClassCode();
      instructorToken = created.getClassCreated().getInstructorToken();
      Map<String, TestClient> students = Map.of("Aiko", aiko, "Boris", boris);
      for (Map.Entry<String, TestClient> s : students.entrySet()) {
        studentTokens.put(s.getKey(), s.getValue().request(join(classCode, s.getKey(), ""))
            .getClassJoined().getStudentToken());
      }
      ServerMessage started = instructor.request(command(classCode, instructorToken,
          ClassCommand.newBuilder().setStart(Empty.getDefaultInstance())));
      assertThat(started.getClassCommandDone().getAppliedCount()).as("%s", started)
          .isEqualTo(1);
      TestClient japan = null;
      for (Map.Entry<String, TestClient> s : students.entrySet()) {
        ServerMessage joined = s.getValue().awaitPush(ServerMessage::hasJoined);
        roles.put(s.getKey(), joined.getJoined().getRole());
        if (joined.getJoined().getRole().equals("japan")) {
          japan = s.getValue();
        }
      }
      assertThat(roles.values()).containsExactlyInAnyOrder("japan", "russia");
      ServerMessage ack = japan.propose(JAPAN_OFFER);
      assertThat(ack.hasDone()).as("%s", ack).isTrue();
      gameCode = board(instructor, classCode, instructorToken).getGames(0).getGameCode();
      // the instant the offer is acknowledged, the server dies without any shutdown
      first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(first.exitValue()).isEqualTo(137);

    Process second = children.start();
    int port2 = ChildServers.portOf(second);
    try (TestClient instructor = TestClient.connect(port2);
        TestClient intruder = TestClient.connect(port2)) {
      ClassBoard board = board(instructor, classCode, instructorToken);
      assertThat(board.getPhase()).isEqualTo(ClassPhase.CLASS_PHASE_RUNNING);
      assertThat(board.getGamesList()).hasSize(1);
      ClassGameRow row = board.getGames(0);
      assertThat(row.getGameCode()).isEqualTo(gameCode);
      assertThat(row.getOnTable().getRole()).as("the acknowledged offer").isEqualTo("japan");
      assertThat(row.getToMove()).isEqualTo("russia");
      assertThat(row.getOnTablePointsList()).hasSize(2);
      // tokens are kept as hashes, and a guess still gets nothing
      expectError(intruder.request(ClientMessage.newBuilder().setWatchClass(WatchClass
          .newBuilder().setClassCode(classCode).setInstructorToken("guess"))),
          ErrorCode.ERROR_CODE_BAD_INSTRUCTOR_TOKEN);

      Map<String, TestClient> back = new LinkedHashMap<>();
      for (String name : studentTokens.keySet()) {
        TestClient s = TestClient.connect(port2);
        back.put(roles.get(name), s);
        ServerMessage rejoined = s.request(join(classCode, name, studentTokens.get(name)));
        assertThat(rejoined.hasClassJoined()).as("%s", rejoined).isTrue();
        ServerMessage seat = s.awaitPush(ServerMessage::hasJoined);
        assertThat(seat.getJoined().getRole()).isEqualTo(roles.get(name));
        assertThat(seat.getJoined().getGame().getHistoryList().stream()
            .filter(EventView::hasOfferMade).count()).isEqualTo(1);
      }
      try {
        assertThat(back.get("russia").accept().hasDone()).isTrue();
        EventView end = back.get("japan").awaitEvent(EventView::hasGameEnded);
        assertThat(end.getGameEnded().getResult().getOutcome())
            .isEqualTo(GameOutcome.GAME_OUTCOME_AGREEMENT);

        ServerMessage ended = instructor.request(command(classCode, instructorToken,
            ClassCommand.newBuilder().setEndClass(Empty.getDefaultInstance())));
        assertThat(ended.hasClassCommandDone()).as("%s", ended).isTrue();
        ServerMessage debrief = instructor.request(ClientMessage.newBuilder()
            .setFetchClassDebrief(FetchClassDebrief.newBuilder().setClassCode(classCode)
                .setInstructorToken(instructorToken)));
        String csv = debrief.getClassDebriefFiles().getFilesList().stream()
            .filter(f -> f.getName().equals("class.csv")).map(NamedFile::getContent)
            .findFirst().orElseThrow().toStringUtf8();
        assertThat(csv.lines().count()).as(csv).isEqualTo(2);
        assertThat(csv).contains(gameCode);
      } finally {
        back.values().forEach(TestClient::close);
      }
    }
  }

  private static ClassBoard board(TestClient instructor, String classCode, String token)
      throws InterruptedException {
    ServerMessage m = instructor.request(ClientMessage.newBuilder().setWatchClass(
        WatchClass.newBuilder().setClassCode(classCode).setInstructorToken(token)));
    assertThat(m.hasClassBoard()).as("%s", m).isTrue();
    return m.getClassBoard();
  }

  private static ClientMessage.Builder command(String classCode, String token,
      ClassCommand.Builder command) {
    return ClientMessage.newBuilder().setClassCommand(command.setClassCode(classCode)
        .setInstructorToken(token));
  }

  private static ClientMessage.Builder join(String classCode, String name, String token) {
    return ClientMessage.newBuilder().setJoinClass(JoinClass.newBuilder()
        .setClassCode(classCode).setName(name).setStudentToken(token));
  }
}
