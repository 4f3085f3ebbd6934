package org.hikiwake.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hikiwake.proto.wire.ClassBoard;
import org.hikiwake.proto.wire.ClassCommand;
import org.hikiwake.proto.wire.ClassCommandDone;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.CreateClass;
import org.hikiwake.proto.wire.Empty;
import org.hikiwake.proto.wire.JoinClass;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.proto.wire.WatchClass;
import org.hikiwake.server.HikiwakeServer;
import org.hikiwake.server.TestClient;

/**
 * A class on a real server, driven over the protobuf protocol as in
 * ClassSessionTest: an instructor creates it, scripted students join, and it
 * is started, so every student sits in a game.
 */
final class ScriptedClass implements AutoCloseable {
  static final String SCENARIO = "japan-russia-2013";
  /** Long enough never to run out in a test, short enough to show a countdown. */
  static final long TURN_LIMIT_MILLIS = 15 * 60_000;

  final String code;
  final String token;
  final String dashboardPath;
  final TestClient instructor;
  /** Every student's client, by name. */
  final Map<String, TestClient> students = new LinkedHashMap<>();
  /** The games, oldest first (pair 1 first), as the board lists them. */
  final List<ClassBoardGame> games = new ArrayList<>();

  /** A game of the class: its code and who plays which role. */
  record ClassBoardGame(String code, String japan, String russia) {}

  private ScriptedClass(String code, String token, String dashboardPath, TestClient instructor) {
    this.code = code;
    this.token = token;
    this.dashboardPath = dashboardPath;
    this.instructor = instructor;
  }

  /** Creates a class, has every named student join, and starts it. */
  static ScriptedClass start(HikiwakeServer server, String... names) throws Exception {
    TestClient instructor = TestClient.connect(server.port());
    ServerMessage created = instructor.request(ClientMessage.newBuilder().setCreateClass(
        CreateClass.newBuilder().setScenarioId(SCENARIO).setRounds(4)
            .setTurnLimitMillis(TURN_LIMIT_MILLIS).setPairingSeed(7)));
    assertThat(created.hasClassCreated()).as("%s", created).isTrue();
    ScriptedClass c = new ScriptedClass(created.getClassCreated().getClassCode(),
        created.getClassCreated().getInstructorToken(),
        created.getClassCreated().getDashboardPath(), instructor);
    for (String name : names) {
      TestClient s = TestClient.connect(server.port());
      ServerMessage joined = s.request(ClientMessage.newBuilder().setJoinClass(
          JoinClass.newBuilder().setClassCode(c.code).setName(name)));
      assertThat(joined.hasClassJoined()).as("%s", joined).isTrue();
      c.students.put(name, s);
    }
    ClassCommandDone started = c.command(ClassCommand.newBuilder()
        .setStart(Empty.getDefaultInstance()));
    assertThat(started.getAppliedCount()).as("%s", started).isEqualTo(names.length / 2);
    for (TestClient s : c.students.values()) {
      s.awaitPush(ServerMessage::hasJoined);
    }
    for (org.hikiwake.proto.wire.ClassGameRow g : c.board().getGamesList()) {
      c.games.add(new ClassBoardGame(g.getGameCode(), g.getSeats(0).getDisplayName(),
          g.getSeats(1).getDisplayName()));
    }
    return c;
  }

  ClassCommandDone command(ClassCommand.Builder command) throws InterruptedException {
    ServerMessage m = instructor.request(ClientMessage.newBuilder().setClassCommand(
        command.setClassCode(code).setInstructorToken(token)));
    assertThat(m.hasClassCommandDone()).as("%s", m).isTrue();
    return m.getClassCommandDone();
  }

  ClassBoard board() throws InterruptedException {
    return instructor.request(ClientMessage.newBuilder().setWatchClass(WatchClass.newBuilder()
        .setClassCode(code).setInstructorToken(token))).getClassBoard();
  }

  /** A fresh one-time dashboard link, as `hikiwake class dashboard` asks for. */
  String freshDashboardPath() throws InterruptedException {
    return command(ClassCommand.newBuilder().setDashboardLink(Empty.getDefaultInstance()))
        .getDashboardPath();
  }

  /** The reply to a move must be Done. */
  static void expectDone(ServerMessage m) {
    assertThat(m.hasDone()).as("done: %s", m).isTrue();
  }

  TestClient japan(int pair) {
    return students.get(games.get(pair - 1).japan());
  }

  TestClient russia(int pair) {
    return students.get(games.get(pair - 1).russia());
  }

  @Override
  public void close() {
    students.values().forEach(TestClient::close);
    instructor.close();
  }
}
